package org.openkyc.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.InProcessServer;
import org.openkyc.testing.ServerProcess;
import org.openkyc.testing.TestDatabase;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An evaluator's claim is a short lease that it renews while it works (SPEC §5.5, §11.1): the work
 * of an instance killed with SIGKILL is taken up within a minute, not after the 10 minute evaluation
 * deadline, and an evaluation slower than the lease is still never taken from a live instance.
 */
@Tag("db")
class EvaluationLeaseTest {

    private static final Pattern HELD = Pattern.compile("(?m)^openkyc_kyc_evaluations_held(?:\\{[^}]*})? ([0-9.]+)$");

    @Test
    void theWorkOfAKilledInstanceIsTakenUpWithinAMinute() throws Exception {
        Map<String, String> config = new HashMap<>(TestDatabase.fresh());
        config.put("openkyc.admin-token", ApiTestBase.ADMIN_TOKEN);
        Map<String, String> stuck = new HashMap<>(config);
        stuck.put("openkyc.kyc.sandbox-delay", "10m"); // the first instance is mid-evaluation for as long as it lives
        Path dataDir = Path.of(config.get("openkyc.data-dir"));
        // On PostgreSQL the second instance runs beside the first, as in production; an H2 file
        // database is one process's, so there the second starts after the kill.
        boolean beside = TestDatabase.postgres();
        ServerProcess second = null;
        List<String> customers = new ArrayList<>();
        Http api;
        long killedAt;
        try {
            try (ServerProcess first = ServerProcess.start(stuck, dataDir.resolve("first.log"))) {
                api = brandClient(first.http());
                String programId = programOf(api);
                for (int i = 0; i < 3; i++) {
                    customers.add(submit(api, programId));
                }
                // The first claim is stuck in its evaluation, and the rest wait behind it, unclaimed.
                await().atMost(Duration.ofSeconds(30)).until(() -> held(first.http()) >= 1);
                for (String id : customers) {
                    assertThat(status(api, id)).as("not decided").isEqualTo("submitted");
                }
                if (beside) {
                    second = ServerProcess.start(config, dataDir.resolve("second.log"));
                }
                first.kill();
                killedAt = System.nanoTime();
            }
            if (!beside) {
                second = ServerProcess.start(config, dataDir.resolve("second.log"));
            }
            long upAt = Math.max(killedAt, System.nanoTime());
            Http again = new Http(second.port).with("Identity", CrashRecoveryTest.header(api, "Identity"))
                    .with("Authorization", CrashRecoveryTest.header(api, "Authorization"));
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> customers.stream().noneMatch(id -> status(again, id).equals("submitted")));
            long decidedAt = System.nanoTime();
            LoggerFactory.getLogger(EvaluationLeaseTest.class).info("killed instance's work decided {} ms after the kill, {} ms after another instance was up",
                    (decidedAt - killedAt) / 1_000_000, (decidedAt - upAt) / 1_000_000);
            assertThat(Duration.ofNanos(decidedAt - upAt)).as("from the kill (or the start of the next instance) to every attempt decided")
                    .isLessThan(Duration.ofSeconds(60));
            for (String id : customers) {
                assertThat(status(again, id)).isEqualTo("passed");
            }
        } finally {
            if (second != null) {
                second.close();
            }
        }
        Map<String, List<String>> events = CrashRecoveryTest.kycEvents(config);
        for (String id : customers) {
            assertThat(events.get(id)).containsExactly("kyc.verification.submitted", "kyc.verification.success");
        }
    }

    @Test
    void anEvaluationSlowerThanItsLeaseIsNotTakenByAnotherInstance() {
        Map<String, String> config = TestDatabase.fresh(); // two instances in this JVM share even an H2 file database
        Duration lease = Duration.ofSeconds(2);
        Duration evaluation = Duration.ofSeconds(20);
        try (ConfigurableApplicationContext slow = InProcessServer.start(config, "--openkyc.admin-token=" + ApiTestBase.ADMIN_TOKEN,
                "--openkyc.kyc.evaluation-lease=" + lease.toSeconds() + "s", "--openkyc.kyc.sandbox-delay=" + evaluation.toSeconds() + "s")) {
            Http api = brandClient(new Http(InProcessServer.port(slow)));
            String customerId = submit(api, programOf(api));
            long claimedAt = System.nanoTime();
            MeterRegistry meters = slow.getBean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("openkyc.kyc.evaluations.held").gauge().value() == 1);

            try (ConfigurableApplicationContext fast = InProcessServer.start(config, "--openkyc.admin-token=" + ApiTestBase.ADMIN_TOKEN,
                    "--openkyc.kyc.evaluation-lease=" + lease.toSeconds() + "s")) {
                long otherReadyAt = System.nanoTime();
                await().atMost(evaluation.plusSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> !status(api, customerId).equals("submitted"));
                long decidedAt = System.nanoTime();
                assertThat(Duration.ofNanos(decidedAt - otherReadyAt)).as("the other instance looked for work for several leases")
                        .isGreaterThan(lease.multipliedBy(2));
                assertThat(Duration.ofNanos(decidedAt - claimedAt)).as("decided by the slow evaluation (claimed just before the 201 arrived)")
                        .isGreaterThanOrEqualTo(evaluation.minusSeconds(1));
                JdbcClient jdbc = fast.getBean(JdbcClient.class);
                assertThat(jdbc.sql("SELECT eval_count FROM kyc_attempt WHERE customer_id = ?").param(UUID.fromString(customerId))
                        .query(Integer.class).single()).as("claimed once: never evaluated twice").isEqualTo(1);
                assertThat(jdbc.sql("SELECT event_type FROM outbox_event WHERE customer_id = ? AND event_type LIKE 'kyc.%' ORDER BY event_seq")
                        .param(UUID.fromString(customerId)).query(String.class).list())
                        .containsExactly("kyc.verification.submitted", "kyc.verification.success");
                assertThat(status(api, customerId)).isEqualTo("passed");
            }
        }
    }

    private static Http brandClient(Http server) {
        var brand = server.with("X-Admin-Token", ApiTestBase.ADMIN_TOKEN).post("/admin/brands", Map.of("name", "lease")).json();
        return server.with("Identity", brand.get("identity").stringValue()).with("Authorization", brand.get("authorization").stringValue());
    }

    private static String programOf(Http api) {
        return api.get("/api/v0.1/programs").json().get(0).get("program_id").stringValue();
    }

    private static String submit(Http api, String programId) {
        Map<String, Object> customer = ApiTestBase.customerBody();
        customer.remove("ssn");
        String id = api.post("/api/v0.1/customers", customer).json().get("customer_id").stringValue();
        Http.Response started = api.post("/api/v0.1/customers/" + id + "/verification-kyc", Map.of("program_id", programId, "ssn", "123-45-6780"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        return id;
    }

    private static String status(Http api, String customerId) {
        return api.get("/api/v0.1/customers/" + customerId + "/verification-kyc").json().get("kyc_status").stringValue();
    }

    /** Attempts the instance is evaluating, from its metrics. */
    private static double held(Http server) {
        Matcher m = HELD.matcher(server.get("/actuator/prometheus").body());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
