package org.openkyc.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Gives each Spring test context a database of its own, on H2 (default) or on PostgreSQL when the
 * build runs the suite with {@code -Dopenkyc.test.db=postgres}. Each context also gets its own data
 * directory, so key files and first-start credentials never leak between tests.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("openkyc.test.db"));
    }

    /** Fresh database and data directory, registered as Spring properties. */
    public static Map<String, String> fresh() {
        try {
            Path dataDir = Files.createTempDirectory("openkyc-test-");
            // Small pools: the test run keeps several contexts (and servers) alive at once, and
            // PostgreSQL allows 100 connections by default.
            Map<String, String> pool = Map.of("spring.datasource.hikari.maximum-pool-size", "8", "spring.datasource.hikari.minimum-idle", "1");
            java.util.Map<String, String> properties = new java.util.HashMap<>(pool);
            properties.put("openkyc.data-dir", dataDir.toString());
            if (postgres()) {
                properties.put("spring.datasource.url", createPostgresDatabase());
                properties.put("spring.datasource.username", "postgres");
                properties.put("spring.datasource.password", "postgres");
            }
            return Map.copyOf(properties);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot prepare the test database", e);
        }
    }

    public static void register(DynamicPropertyRegistry registry) {
        fresh().forEach((key, value) -> registry.add(key, () -> value));
    }

    private static String createPostgresDatabase() throws SQLException {
        String adminUrl = System.getProperty("openkyc.test.pg.url");
        if (adminUrl == null || adminUrl.isBlank()) {
            throw new IllegalStateException("openkyc.test.db=postgres needs -Dopenkyc.test.pg.url=jdbc:postgresql://host:port/postgres?user=..&password=..");
        }
        String name = "openkyc_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(adminUrl)) {
            c.createStatement().execute("CREATE DATABASE " + name);
        }
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name;
    }
}
