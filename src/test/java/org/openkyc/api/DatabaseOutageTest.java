package org.openkyc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.TestDatabase;
import org.springframework.test.context.TestPropertySource;

/**
 * SPEC §1.1 and §12: a database outage gives fast 503s in the envelope, and the service recovers by
 * itself. PostgreSQL only: the embedded H2 database cannot be taken away from a running server.
 */
@TestPropertySource(properties = "openkyc.test.context=database-outage")
class DatabaseOutageTest extends ApiTestBase {

    @Test
    void outageGivesFast503sAndRecoveryNeedsNoRestart() throws Exception {
        assumeTrue(TestDatabase.postgres(), "needs PostgreSQL");
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        String database = jdbc.sql("SELECT current_database()").query(String.class).single();
        assertThat(brand.api().get("/api/v0.1/customers").status()).isEqualTo(200);

        try (Connection admin = DriverManager.getConnection(System.getProperty("openkyc.test.pg.url"))) {
            cutOff(admin, database);
            for (java.util.function.Supplier<Http.Response> call : java.util.List.<java.util.function.Supplier<Http.Response>>of(
                    () -> brand.api().get("/api/v0.1/customers"), () -> brand.api().post("/api/v0.1/customers", customerBody()),
                    // committed in groups by a lane of its own: as fast to fail
                    () -> startKyc(brand, customerId, "000-00-0000"))) {
                long start = System.nanoTime();
                Http.Response response = call.get();
                assertThat(response.status()).as(response.toString()).isEqualTo(503);
                assertThat(response.json().get("Code").stringValue()).isEqualTo("service_unavailable");
                assertThat(response.json().get("Type").stringValue()).isEqualTo("Process Error");
                assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
            }
            assertThat(anonymous().get("/actuator/health/readiness").status()).isEqualTo(503);
            assertThat(anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
            admin.createStatement().execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
        }
        // Recovery by itself: the pool reconnects in the background; allow it a few seconds.
        long deadline = System.nanoTime() + 15_000_000_000L;
        int status;
        do {
            status = brand.api().get("/api/v0.1/customers").status();
        } while (status != 200 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(200);
        assertThat(brand.api().post("/api/v0.1/customers", customerBody()).status()).isEqualTo(201);
        assertThat(anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    private static void cutOff(Connection admin, String database) throws SQLException {
        admin.createStatement().execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
        admin.createStatement().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
    }
}
