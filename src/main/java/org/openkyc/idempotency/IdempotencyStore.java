package org.openkyc.idempotency;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.api.Timestamps;
import org.openkyc.db.WriteBehind;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for idempotency keys. The primary key (brand, method, path, key) is what decides a race. */
@Repository
class IdempotencyStore {

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate template;
    private final WriteBehind writes;
    private volatile Boolean postgres;

    IdempotencyStore(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template, WriteBehind writes) {
        this.jdbc = jdbc;
        this.template = template;
        this.writes = writes;
    }

    private boolean postgres() {
        if (postgres == null) {
            postgres = Boolean.TRUE.equals(template.execute((org.springframework.jdbc.core.ConnectionCallback<Boolean>) c ->
                    c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")));
        }
        return postgres;
    }

    record Scope(UUID brandId, String method, String path, String key) {
    }

    record Stored(String fingerprint, Instant createdAt, Integer responseStatus, String responseBody) {
    }

    /** Frees a key whose 24 hours are over but that the purge has not removed yet. */
    void deleteExpired(Scope scope, Instant now) {
        jdbc.sql("DELETE FROM idempotency_key WHERE brand_id = ? AND method = ? AND path = ? AND idem_key = ? AND created_at < ?")
                .params(scope.brandId(), scope.method(), scope.path(), scope.key(), Timestamps.toDb(now.minus(IdempotencyFilter.KEY_LIFE)))
                .update();
    }

    /**
     * Inserts the key; false when the key exists (committed, or still in flight). PostgreSQL makes
     * an insert wait for an uncommitted duplicate; the wait is bounded, so a pile of retries cannot
     * hold connections for as long as the first request runs.
     */
    boolean tryClaim(Scope scope, String fingerprint, Instant now) {
        if (postgres()) {
            jdbc.sql("SET LOCAL lock_timeout = '5s'").update();
        }
        try {
            jdbc.sql("INSERT INTO idempotency_key (brand_id, method, path, idem_key, fingerprint, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(scope.brandId(), scope.method(), scope.path(), scope.key(), fingerprint, Timestamps.toDb(now))
                    .update();
            return true;
        } catch (DuplicateKeyException | org.springframework.dao.PessimisticLockingFailureException e) {
            return false;
        }
    }

    /** Held back to the commit that follows at once, with the request's other held-back writes ({@link WriteBehind}). */
    void recordResponse(Scope scope, int status, String encryptedBody) {
        writes.update("UPDATE idempotency_key SET response_status = ?, response_body = ? WHERE brand_id = ? AND method = ? AND path = ? AND idem_key = ?",
                status, encryptedBody, scope.brandId(), scope.method(), scope.path(), scope.key());
    }

    Optional<Stored> find(Scope scope, Instant now) {
        return jdbc.sql("""
                SELECT fingerprint, created_at, response_status, response_body FROM idempotency_key
                WHERE brand_id = ? AND method = ? AND path = ? AND idem_key = ? AND created_at >= ?""")
                .params(scope.brandId(), scope.method(), scope.path(), scope.key(), Timestamps.toDb(now.minus(IdempotencyFilter.KEY_LIFE)))
                .query((rs, n) -> new Stored(rs.getString("fingerprint"), Timestamps.fromDb(rs.getObject("created_at", OffsetDateTime.class)),
                        (Integer) rs.getObject("response_status"), rs.getString("response_body")))
                .optional();
    }

    int purgeExpired(Instant now) {
        return jdbc.sql("DELETE FROM idempotency_key WHERE created_at < ?").param(Timestamps.toDb(now.minus(IdempotencyFilter.KEY_LIFE))).update();
    }
}
