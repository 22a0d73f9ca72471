package org.openkyc.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

/**
 * A taken idempotency key is told from other duplicates by the errors the real database gives:
 * on H2, and on PostgreSQL also in a session whose {@code lc_messages} is another language (where
 * the cluster's system has such a locale; skipped otherwise).
 */
class IdempotencyConflictTest extends ApiTestBase {

    /** Locales PostgreSQL 15 has message catalogs for; the first the system knows is used. */
    private static final List<String> FOREIGN = List.of("de_DE.UTF-8", "fr_FR.UTF-8", "es_ES.UTF-8", "it_IT.UTF-8", "sv_SE.UTF-8");

    @Autowired
    DataSource dataSource;

    @Test
    void aTakenKeyIsTheKeyTablesDuplicateAndNoOtherTables() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertThat(IdempotencyStore.isKeyTaken(duplicateKey(c))).isTrue();
            assertThat(IdempotencyStore.isKeyTaken(duplicateMarker(c, "idempotency_key_pkey ON public.idempotency_key("))).isFalse();
        }
    }

    @Test
    void aTakenKeyIsRecognisedWhenPostgresqlSpeaksAnotherLanguage() throws SQLException {
        assumeTrue(TestDatabase.postgres(), "needs PostgreSQL");
        try (Connection c = dataSource.getConnection()) {
            String locale = foreignLocale(c);
            assumeTrue(locale != null, "the database's system has none of the locales " + FOREIGN);
            try {
                DuplicateKeyException taken = duplicateKey(c);
                assertThat(taken.getMostSpecificCause().getMessage()).doesNotContain("duplicate key"); // really translated
                assertThat(IdempotencyStore.isKeyTaken(taken)).isTrue();
                assertThat(IdempotencyStore.isKeyTaken(duplicateMarker(c, "x"))).isFalse();
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("RESET lc_messages"); // the pool keeps the connection
                }
            }
        }
    }

    /** A language other than English the database can speak, set for the session; null if none. */
    static String foreignLocale(Connection c) {
        return FOREIGN.stream().filter(l -> accepts(c, l)).findFirst().orElse(null);
    }

    private static boolean accepts(Connection c, String locale) {
        try (Statement s = c.createStatement()) {
            s.execute("SET lc_messages TO '" + locale + "'");
            return true;
        } catch (SQLException e) {
            return false; // "invalid value for parameter": the system has no such locale
        }
    }

    /** The same idempotency key inserted twice, the failure as the repositories see it. */
    private static DuplicateKeyException duplicateKey(Connection c) throws SQLException {
        String insert = "INSERT INTO idempotency_key (brand_id, method, path, idem_key, fingerprint, created_at) VALUES ('"
                + UUID.randomUUID() + "', 'POST', '/api/v0.1/customers', 'k-1', '', CURRENT_TIMESTAMP)";
        return duplicate(c, insert);
    }

    /** A duplicate in another table, whose value quotes the key table's constraint. */
    private static DuplicateKeyException duplicateMarker(Connection c, String value) throws SQLException {
        String insert = "INSERT INTO bootstrap_marker (name, date_created) VALUES ('" + value + " " + UUID.randomUUID() + "', CURRENT_TIMESTAMP)";
        return duplicate(c, insert);
    }

    private static DuplicateKeyException duplicate(Connection c, String insert) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(insert);
            SQLException failure = catchThrowableOfType(SQLException.class, () -> s.execute(insert));
            assertThat((Throwable) failure).isNotNull();
            return new DuplicateKeyException("insert failed", failure);
        }
    }
}
