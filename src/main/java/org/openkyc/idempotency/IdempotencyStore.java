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
    private final WriteBehind writes;

    IdempotencyStore(JdbcClient jdbc, WriteBehind writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    record Scope(UUID brandId, String method, String path, String key) {
    }

    record Stored(String fingerprint, Instant createdAt, Integer responseStatus, String responseBody) {
    }

    /** Frees a key whose 24 hours are over but that the purge has not removed yet; true when there was one. */
    boolean deleteExpired(Scope scope, Instant now) {
        return jdbc.sql("DELETE FROM idempotency_key WHERE brand_id = ? AND method = ? AND path = ? AND idem_key = ? AND created_at < ?")
                .params(scope.brandId(), scope.method(), scope.path(), scope.key(), Timestamps.toDb(now.minus(IdempotencyFilter.KEY_LIFE)))
                .update() > 0;
    }

    /**
     * Claims the key with the request's response, held back to the commit that follows at once
     * ({@link WriteBehind}): the last write of the request's transaction. A key taken by another
     * request fails the commit with a {@link DuplicateKeyException} (see {@link #isKeyTaken}); on
     * PostgreSQL the insert first waits for that request's transaction to end.
     */
    void insertWithResponse(Scope scope, String fingerprint, Instant now, int status, String encryptedBody) {
        writes.update("""
                INSERT INTO idempotency_key (brand_id, method, path, idem_key, fingerprint, created_at, response_status, response_body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                scope.brandId(), scope.method(), scope.path(), scope.key(), fingerprint, Timestamps.toDb(now), status, encryptedBody);
    }

    /** Whether a duplicate key is this table's (the key is taken), not another table's constraint. */
    static boolean isKeyTaken(DuplicateKeyException e) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("idempotency_key");
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
