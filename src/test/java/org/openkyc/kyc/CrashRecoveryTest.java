package org.openkyc.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.LocalReceiver;
import org.openkyc.testing.ServerProcess;
import org.openkyc.testing.TestDatabase;

import tools.jackson.databind.JsonNode;

/**
 * SPEC §11.1 and §12: the server is killed with SIGKILL while attempts are being evaluated; after a
 * restart every accepted attempt reaches its outcome, with exactly its events.
 */
@Tag("db")
class CrashRecoveryTest {

    private static final Map<String, String> OUTCOME_EVENT = Map.of(
            "123-45-6780", "kyc.verification.success", "999-99-9999", "kyc.verification.failure",
            "000-00-0000", "kyc.verification.under_review", "333-33-3333", "kyc.verification.document_required");

    @Test
    void killDashNineMidEvaluationLosesNothing() throws Exception {
        Map<String, String> config = new HashMap<>(TestDatabase.fresh());
        config.put("openkyc.admin-token", ApiTestBase.ADMIN_TOKEN);
        config.put("openkyc.kyc.sandbox-delay", "200ms");
        config.put("openkyc.kyc.batch-size", "2");
        // Rounds stay small and one at a time (no growth under the backlog), so the kill finds attempts mid-evaluation.
        config.put("openkyc.kyc.max-batch-size", "2");
        config.put("openkyc.kyc.parallel-rounds", "1");
        config.put("openkyc.kyc.evaluation-deadline", "2s");
        config.put("openkyc.webhooks.timeout", "2s");
        LocalReceiver receiver = new LocalReceiver();
        receiver.delay(100); // deliveries are in flight when the server dies
        Path dataDir = Path.of(config.get("openkyc.data-dir"));
        List<String> ssns = List.copyOf(OUTCOME_EVENT.keySet());
        Map<String, String> expected = new LinkedHashMap<>();
        Http api;
        long submittedAtKill;

        try (ServerProcess first = ServerProcess.start(config, dataDir.resolve("first.log"))) {
            JsonNode brand = first.http().with("X-Admin-Token", ApiTestBase.ADMIN_TOKEN).post("/admin/brands", Map.of("name", "crash")).json();
            api = first.http().with("Identity", brand.get("identity").stringValue()).with("Authorization", brand.get("authorization").stringValue());
            String programId = brand.get("program_id").stringValue();
            assertThat(api.post("/api/v0.1/webhooks", Map.of("url", receiver.url("/crash"), "events", List.of("kyc.*"))).status()).isEqualTo(201);
            for (int i = 0; i < 80; i++) {
                Map<String, Object> customer = ApiTestBase.customerBody();
                customer.remove("ssn");
                String id = api.post("/api/v0.1/customers", customer).json().get("customer_id").stringValue();
                String ssn = ssns.get(i % ssns.size());
                Http.Response started = api.post("/api/v0.1/customers/" + id + "/verification-kyc", Map.of("program_id", programId, "ssn", ssn));
                assertThat(started.status()).isEqualTo(201);
                expected.put(id, ssn);
            }
            submittedAtKill = expected.keySet().stream()
                    .filter(id -> api.get("/api/v0.1/customers/" + id + "/verification-kyc").json().get("kyc_status").stringValue().equals("submitted"))
                    .count();
            // One more accepted submission, and the kill right after its 201: an acknowledged write must survive.
            Map<String, Object> customer = ApiTestBase.customerBody();
            customer.remove("ssn");
            String last = api.post("/api/v0.1/customers", customer).json().get("customer_id").stringValue();
            assertThat(api.post("/api/v0.1/customers/" + last + "/verification-kyc", Map.of("program_id", programId, "ssn", "123-45-6780"))
                    .status()).isEqualTo(201);
            expected.put(last, "123-45-6780");
            first.kill();
        }
        assertThat(submittedAtKill).as("attempts still being evaluated when the server died").isPositive();

        try (ServerProcess second = ServerProcess.start(config, dataDir.resolve("second.log"))) {
            Http again = new Http(second.port).with("Identity", header(api, "Identity")).with("Authorization", header(api, "Authorization"));
            long deadline = System.nanoTime() + 60_000_000_000L;
            List<String> pending = new ArrayList<>(expected.keySet());
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                pending.removeIf(id -> !again.get("/api/v0.1/customers/" + id + "/verification-kyc").json().get("kyc_status").stringValue()
                        .equals("submitted"));
                Thread.sleep(100);
            }
            assertThat(pending).as("attempts that never reached an outcome").isEmpty();
            // At least once: every KYC event reaches the receiver after the restart, duplicates allowed.
            long until = System.nanoTime() + 60_000_000_000L;
            while (distinctDeliveries(receiver) < expected.size() * 2L && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(distinctDeliveries(receiver)).isEqualTo(expected.size() * 2L);
        } finally {
            receiver.close();
        }

        Map<String, List<String>> events = kycEvents(config);
        for (var entry : expected.entrySet()) {
            assertThat(events.get(entry.getKey())).as("events of customer with SSN " + entry.getValue())
                    .containsExactly("kyc.verification.submitted", OUTCOME_EVENT.get(entry.getValue()));
        }
        assertThat(Files.readString(dataDir.resolve("second.log"))).doesNotContain("123-45-6780").doesNotContain("123456780");
    }

    private static long distinctDeliveries(LocalReceiver receiver) {
        return receiver.received().stream().map(r -> r.header("webhook-id")).distinct().count();
    }

    static String header(Http http, String name) throws Exception {
        var field = Http.class.getDeclaredField("headers");
        field.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) field.get(http);
        return headers.get(name);
    }

    /** Read after the server stopped (the H2 file can then be opened here). */
    static Map<String, List<String>> kycEvents(Map<String, String> config) throws Exception {
        String url = config.getOrDefault("spring.datasource.url",
                "jdbc:h2:file:" + config.get("openkyc.data-dir") + "/openkyc;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        String user = config.getOrDefault("spring.datasource.username", "sa");
        String password = config.getOrDefault("spring.datasource.password", "");
        Map<String, List<String>> events = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT customer_id, event_type FROM outbox_event WHERE event_type LIKE 'kyc.%' ORDER BY event_seq")) {
            while (rs.next()) {
                events.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return events;
    }
}
