package org.openkyc.brand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Key lookups that miss the cache run before admission: at most {@code openkyc.limits.key-lookups}
 * at once, so a flood of unknown identities cannot take the connection pool. On PostgreSQL, where a
 * lock on the key table makes a lookup wait as a slow database would.
 */
@TestPropertySource(properties = "openkyc.limits.key-lookups=1")
class KeyLookupLimitTest extends ApiTestBase {

    @Autowired
    DataSource dataSource;

    private Http unknownIdentity() {
        return anonymous().with("Identity", UUID.randomUUID().toString()).with("Authorization", "not-a-secret");
    }

    private long waitingLookups() {
        return jdbc.sql("SELECT COUNT(*) FROM pg_locks WHERE NOT granted AND relation = 'api_key'::regclass").query(Long.class).single();
    }

    @Test
    void lookupsPastTheLimitAreRefusedWith503AndTheOthersGoOn() throws Exception {
        assumeTrue(TestDatabase.postgres(), "needs PostgreSQL (a table lock that makes a lookup wait)");
        Brand brand = newBrand();
        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("LOCK TABLE api_key IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<Http.Response> held = CompletableFuture.supplyAsync(() -> unknownIdentity().get("/api/v0.1/customers"));
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> waitingLookups() > 0);

            List<CompletableFuture<Http.Response>> flood = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                flood.add(CompletableFuture.supplyAsync(() -> unknownIdentity().get("/api/v0.1/customers")));
            }
            for (CompletableFuture<Http.Response> call : flood) {
                Http.Response refused = call.get(10, TimeUnit.SECONDS);
                assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
                assertThat(refused.json().get("Code").stringValue()).isEqualTo("service_unavailable");
                assertThat(refused.header("X-Request-Id")).isNotBlank();
            }
            assertThat(waitingLookups()).as("lookups that reached the database while it was held").isEqualTo(1);

            locker.rollback();
            assertThat(held.get(10, TimeUnit.SECONDS).status()).as("the held lookup finishes once the table is free").isEqualTo(401);
        }
        assertThat(brand.api().get("/api/v0.1/customers").status()).as("a known, cached key is not held back").isEqualTo(200);
        assertThat(unknownIdentity().get("/api/v0.1/customers").status()).isEqualTo(401);
    }
}
