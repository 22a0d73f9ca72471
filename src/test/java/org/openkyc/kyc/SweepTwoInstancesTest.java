package org.openkyc.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.InProcessServer;
import org.openkyc.testing.ServerProcess;
import org.openkyc.testing.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sweeps every instance schedules, with two instances on one PostgreSQL database: one of them
 * does each round (the rounds of both together are as many as one instance alone would do), and an
 * instance killed in the middle of a round holds the sweep only until its claim runs out.
 */
@Tag("db")
class SweepTwoInstancesTest {

    private static final long INTERVAL_MS = 200;

    private static Map<String, String> config(String holdAtMost) {
        Map<String, String> config = new HashMap<>(TestDatabase.fresh());
        config.put("openkyc.admin-token", ApiTestBase.ADMIN_TOKEN);
        config.put("openkyc.kyc.deadline-scan-interval", INTERVAL_MS + "ms");
        config.put("openkyc.idempotency.purge-interval", INTERVAL_MS + "ms");
        config.put("openkyc.sweeps.hold-at-most", holdAtMost);
        return config;
    }

    private static double rounds(ConfigurableApplicationContext app, String sweep, String result) {
        var counter = app.getBean(MeterRegistry.class).find("openkyc.sweeps").tags("sweep", sweep, "result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double ran(ConfigurableApplicationContext one, ConfigurableApplicationContext two, String sweep) {
        return rounds(one, sweep, "ran") + rounds(two, sweep, "ran");
    }

    @Test
    void oneInstanceDoesEachRound() throws Exception {
        assumeTrue(TestDatabase.postgres(), "two processes share a database only on PostgreSQL");
        Map<String, String> config = config("1m");
        try (var one = InProcessServer.start(config); var two = InProcessServer.start(config)) {
            for (String sweep : new String[] {KycDeadlines.SWEEP, "idempotency-purge"}) {
                double before = ran(one, two, sweep);
                long from = System.nanoTime();
                Thread.sleep(3_000);
                double after = ran(one, two, sweep);
                long elapsedMs = (System.nanoTime() - from) / 1_000_000;
                // Rounds begin at least one interval apart whoever runs them; without the lock each
                // instance would do its own (about twice as many).
                assertThat(after - before).as(sweep + " rounds in " + elapsedMs + " ms").isGreaterThanOrEqualTo(2)
                        .isLessThanOrEqualTo(elapsedMs / (double) INTERVAL_MS + 2);
                assertThat(rounds(one, sweep, "skipped") + rounds(two, sweep, "skipped")).as("the instance that did not get a round skipped it")
                        .isPositive();
            }
        }
    }

    @Test
    void aKilledHoldersClaimRunsOut() throws Exception {
        assumeTrue(TestDatabase.postgres(), "two processes share a database only on PostgreSQL");
        Map<String, String> config = config("8s");
        Path log = Files.createTempFile("openkyc-sweep-holder-", ".log");
        JdbcClient db = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(config.get("spring.datasource.url"),
                "postgres", "postgres"));
        try (ServerProcess holder = ServerProcess.start(config, log)) {
            OffsetDateTime heldUntil = killMidRound(holder, db, config.get("spring.datasource.url"));
            try (var survivor = InProcessServer.start(config)) {
                UUID kycId = db.sql("SELECT kyc_id FROM kyc_attempt").query(UUID.class).single();
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (System.nanoTime() < deadline && !status(db, kycId).equals("expired")) {
                    Thread.sleep(50);
                }
                assertThat(status(db, kycId)).as("the survivor swept once the dead holder's claim ran out").isEqualTo("expired");
                Instant expiredAt = db.sql("SELECT date_updated FROM kyc_attempt WHERE kyc_id = ?").param(kycId).query(OffsetDateTime.class).single()
                        .toInstant();
                assertThat(expiredAt).as("nobody swept while the dead holder's claim held").isAfterOrEqualTo(heldUntil.toInstant());
                assertThat(rounds(survivor, KycDeadlines.SWEEP, "ran")).isPositive();
            }
        }
    }

    /**
     * An attempt past its document deadline whose customer row the test holds: the holder's next
     * deadline round claims the sweep and waits for the row; the holder is killed then.
     *
     * @return until when the dead holder's claim holds the sweep
     */
    private static OffsetDateTime killMidRound(ServerProcess holder, JdbcClient db, String url) throws Exception {
        ApiTestBase.Brand brand = InProcessServer.newBrand(holder.port);
        String customer = brand.api().post("/api/v0.1/customers", ApiTestBase.customerBody()).json().get("customer_id").stringValue();
        UUID customerId = UUID.fromString(customer);
        UUID kycId = UUID.randomUUID();
        try (Connection blocker = DriverManager.getConnection(url, "postgres", "postgres")) {
            // NO KEY UPDATE: the attempt's foreign key check may share the row, the sweep's FOR UPDATE may not.
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement("SELECT 1 FROM customer WHERE customer_id = ? FOR NO KEY UPDATE")) {
                lock.setObject(1, customerId);
                lock.executeQuery().close();
            }
            db.sql("""
                    INSERT INTO kyc_attempt (kyc_id, brand_id, customer_id, program_id, status, fields, reasons, eval_count, documents_due_at,
                        date_created, date_updated)
                    VALUES (?, ?, ?, ?, 'document_required', '[]', '[]', 1, CURRENT_TIMESTAMP - INTERVAL '1' DAY,
                        CURRENT_TIMESTAMP - INTERVAL '31' DAY, CURRENT_TIMESTAMP - INTERVAL '31' DAY)""")
                    .params(kycId, brand.brandId(), customerId, brand.programId()).update();
            OffsetDateTime heldUntil = awaitRoundInProgress(db);
            holder.kill();
            blocker.rollback();
            return heldUntil;
        }
    }

    /** Waits until a round holds the sweep for its whole claim (a finished round holds it one interval), and returns until when. */
    private static OffsetDateTime awaitRoundInProgress(JdbcClient db) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            var until = db.sql("SELECT held_until FROM sweep_lock WHERE name = ?").param(KycDeadlines.SWEEP).query(OffsetDateTime.class).optional();
            if (until.isPresent() && until.get().toInstant().isAfter(Instant.now().plusSeconds(2))) {
                return until.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no deadline round waited for the locked customer");
    }

    private static String status(JdbcClient db, UUID kycId) {
        return db.sql("SELECT status FROM kyc_attempt WHERE kyc_id = ?").param(kycId).query(String.class).single();
    }
}
