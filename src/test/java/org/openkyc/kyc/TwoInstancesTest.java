package org.openkyc.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.InProcessServer;
import org.openkyc.testing.LocalReceiver;
import org.openkyc.testing.Http;
import org.openkyc.testing.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * SPEC §6 and §11.1 with two server instances on one PostgreSQL database: one idempotency key
 * executes once across both, and the two evaluators share the work without evaluating anything twice.
 */
@Tag("db")
class TwoInstancesTest {

    private static ConfigurableApplicationContext start(Map<String, String> config) {
        return InProcessServer.start(config, "--openkyc.admin-token=" + ApiTestBase.ADMIN_TOKEN, "--openkyc.kyc.sandbox-delay=5ms");
    }

    private static int port(ConfigurableApplicationContext app) {
        return InProcessServer.port(app);
    }

    @Test
    void twoInstancesShareOneDatabaseSafely() throws Exception {
        assumeTrue(TestDatabase.postgres(), "two processes share a database only on PostgreSQL");
        Map<String, String> config = TestDatabase.fresh();
        try (var one = start(config); var two = start(config)) {
            JsonNode brand = new Http(port(one)).with("X-Admin-Token", ApiTestBase.ADMIN_TOKEN).post("/admin/brands", Map.of("name", "two")).json();
            Http a = new Http(port(one)).with("Identity", brand.get("identity").stringValue()).with("Authorization", brand.get("authorization").stringValue());
            Http b = new Http(port(two)).with("Identity", brand.get("identity").stringValue()).with("Authorization", brand.get("authorization").stringValue());
            String programId = brand.get("program_id").stringValue();

            LocalReceiver receiver = new LocalReceiver();
            assertThat(a.post("/api/v0.1/webhooks", Map.of("url", receiver.url("/both"), "events", List.of("kyc.*", "customer.created"))).status())
                    .isEqualTo(201);
            String customerId = a.post("/api/v0.1/customers", ApiTestBase.customerBody()).json().get("customer_id").stringValue();
            AtomicInteger turn = new AtomicInteger();
            List<Http.Response> responses = KycConcurrencyTest.inParallel(50, () -> (turn.getAndIncrement() % 2 == 0 ? a : b)
                    .with("Idempotency-Key", "two-instances").post("/api/v0.1/customers/" + customerId + "/verification-kyc",
                            Map.of("program_id", programId, "ssn", "000-00-0000")));
            assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(49);

            List<String> customers = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Http via = i % 2 == 0 ? a : b;
                Map<String, Object> body = ApiTestBase.customerBody();
                body.remove("ssn");
                String id = via.post("/api/v0.1/customers", body).json().get("customer_id").stringValue();
                assertThat(via.post("/api/v0.1/customers/" + id + "/verification-kyc", Map.of("program_id", programId, "ssn",
                        i % 3 == 0 ? "999-99-9999" : "123-45-6780")).status()).isEqualTo(201);
                customers.add(id);
            }
            JdbcClient jdbc = one.getBean(JdbcClient.class);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline && jdbc.sql("SELECT COUNT(*) FROM kyc_attempt WHERE status = 'submitted'").query(Long.class).single() > 0) {
                Thread.sleep(50);
            }
            for (String id : customers) {
                List<String> events = jdbc.sql("SELECT event_type FROM outbox_event WHERE customer_id = ? AND event_type LIKE 'kyc.%' ORDER BY event_seq")
                        .param(UUID.fromString(id)).query(String.class).list();
                assertThat(events).hasSize(2).first().isEqualTo("kyc.verification.submitted");
            }
            assertThat(jdbc.sql("SELECT COUNT(*) FROM kyc_attempt WHERE customer_id = ?").param(UUID.fromString(customerId)).query(Long.class).single())
                    .isEqualTo(1);

            // Both dispatchers deliver; each event reaches the subscription once (61 created + 2 KYC events each).
            long expected = jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE event_type LIKE 'kyc.%' OR event_type = 'customer.created'")
                    .query(Long.class).single();
            assertThat(expected).isEqualTo(61 + 61 * 2);
            long until = System.nanoTime() + 30_000_000_000L;
            while (receiver.received().size() < expected && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            Thread.sleep(500);
            assertThat(receiver.received()).hasSize((int) expected);
            assertThat(receiver.received().stream().map(r -> r.header("webhook-id")).distinct().count()).isEqualTo(expected);
            receiver.close();
        }
    }
}
