package org.openkyc.brand;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for brands and their API keys. */
@Repository
class ApiKeyRepository {

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record StoredKey(UUID identity, UUID brandId, String name, String secretSha256, String status, UUID customerId,
                     Integer callsLeft, Instant expiresAt, Instant dateCreated) {
    }

    void insertBrand(UUID brandId, String name, boolean sandbox, Instant now) {
        jdbc.sql("INSERT INTO brand (brand_id, name, sandbox, date_created) VALUES (?, ?, ?, ?)")
                .params(brandId, name, sandbox, DbTime.toDb(now)).update();
    }

    boolean brandExists(UUID brandId) {
        return jdbc.sql("SELECT COUNT(*) FROM brand WHERE brand_id = ?").param(brandId).query(Long.class).single() > 0;
    }

    boolean anyBrand() {
        return jdbc.sql("SELECT COUNT(*) FROM brand").query(Long.class).single() > 0;
    }

    void insertKey(UUID identity, UUID brandId, String name, String secretSha256, Instant now) {
        jdbc.sql("""
                INSERT INTO api_key (identity, brand_id, name, secret_sha256, status, date_created, date_updated)
                VALUES (?, ?, ?, ?, 'active', ?, ?)""")
                .params(identity, brandId, name, secretSha256, DbTime.toDb(now), DbTime.toDb(now)).update();
    }

    void insertTemporaryKey(UUID identity, UUID brandId, UUID customerId, String secretSha256, int calls, Instant expiresAt, Instant now) {
        jdbc.sql("""
                INSERT INTO api_key (identity, brand_id, name, secret_sha256, status, customer_id, calls_left, expires_at, date_created, date_updated)
                VALUES (?, ?, 'temporary', ?, 'active', ?, ?, ?, ?, ?)""")
                .params(identity, brandId, secretSha256, customerId, calls, DbTime.toDb(expiresAt), DbTime.toDb(now), DbTime.toDb(now))
                .update();
    }

    /** Uses one call of a temporary key; false when none are left. Atomic, so parallel calls cannot overspend. */
    boolean consumeCall(UUID identity) {
        return jdbc.sql("UPDATE api_key SET calls_left = calls_left - 1 WHERE identity = ? AND calls_left > 0").param(identity).update() == 1;
    }

    Optional<StoredKey> find(UUID identity) {
        return jdbc.sql("""
                SELECT identity, brand_id, name, secret_sha256, status, customer_id, calls_left, expires_at, date_created
                FROM api_key WHERE identity = ?""")
                .param(identity)
                .query((rs, n) -> new StoredKey(rs.getObject("identity", UUID.class), rs.getObject("brand_id", UUID.class),
                        rs.getString("name"), rs.getString("secret_sha256"), rs.getString("status"),
                        rs.getObject("customer_id", UUID.class), (Integer) rs.getObject("calls_left"),
                        DbTime.fromDb(rs.getObject("expires_at", java.time.OffsetDateTime.class)),
                        DbTime.fromDb(rs.getObject("date_created", java.time.OffsetDateTime.class))))
                .optional();
    }

    boolean deactivate(UUID identity, Instant now) {
        return jdbc.sql("UPDATE api_key SET status = 'inactive', date_updated = ? WHERE identity = ?")
                .params(DbTime.toDb(now), identity).update() > 0;
    }
}
