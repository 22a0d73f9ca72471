package org.openkyc.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.TestDatabase;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two overlapping requests with one key, against a PostgreSQL whose sessions speak another
 * language ({@code lc_messages}): the one that commits second still answers 409 with the first's
 * outcome (it was a 500 while conflicts were read from the English message). Skipped where the
 * database's system has no such locale.
 */
@ActiveProfiles("fault-injection")
class IdempotencyInAnotherLanguageTest extends ApiTestBase {

    private static String locale;

    @BeforeAll
    static void needsAnotherLanguage() throws SQLException {
        assumeTrue(TestDatabase.postgres(), "needs PostgreSQL");
        try (Connection c = DriverManager.getConnection(System.getProperty("openkyc.test.pg.url"))) {
            locale = IdempotencyConflictTest.foreignLocale(c);
        }
        assumeTrue(locale != null, "the database's system has no locale but English");
    }

    @DynamicPropertySource
    static void inThatLanguage(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.hikari.connection-init-sql", () -> "SET lc_messages TO '" + locale + "'");
    }

    @Test
    void theRequestThatCommitsSecondAnswersWithTheFirstsOutcome() throws Exception {
        Brand brand = newBrand();
        Http keyed = brand.api().with("Idempotency-Key", "in-another-language");
        CompletableFuture<Http.Response> slow = CompletableFuture.supplyAsync(
                () -> keyed.send("POST", "/api/v0.1/test-faults/slow?ms=3000", "{}", "application/json"));
        awaitASessionInTransaction();

        Http.Response fast = keyed.send("POST", "/api/v0.1/test-faults/slow?ms=10", "{}", "application/json");
        Http.Response second = slow.get();

        assertThat(fast.status()).as(fast.toString()).isEqualTo(201);
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.json().get("code").stringValue()).isEqualTo("idempotency_key_exists");
        assertThat(second.json().get("original_response").get("body")).isEqualTo(fast.json());
    }

    /** The slow request is in its handler: its transaction has begun (it holds a session that is idle in a transaction). */
    private void awaitASessionInTransaction() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (jdbc.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'")
                .query(Long.class).single() == 0) {
            assertThat(System.nanoTime()).as("the slow request began its transaction").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
