package org.openkyc.idempotency;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.openkyc.db.UniqueViolation;
import org.openkyc.db.WriteBehind;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/** SQL for idempotency keys. The primary key (brand, method, path, key) is what decides a race. */
@Repository
class IdempotencyStore {

    private final JdbcClient jdbc;
    private final WriteBehind writes;
    private final PlatformTransactionManager transactions;

    IdempotencyStore(JdbcClient jdbc, WriteBehind writes, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.transactions = transactions;
    }

    record Scope(UUID brandId, String method, String path, String key) {
    }

    record Stored(String fingerprint, Instant createdAt, Integer responseStatus, String responseBody) {
    }

    /**
     * Whether nobody holds the key: tries to insert it in a transaction of its own and rolls that
     * back whatever happens. A duplicate (a committed holder) or a lock wait that gives up (a holder
     * still writing it; the wait is bounded to a second) means it is held. For a request waiting on
     * another's outcome, to stop waiting once that request has rolled back.
     */
    boolean isFree(Scope scope, Instant now) {
        TransactionStatus tx = transactions.getTransaction(new DefaultTransactionDefinition());
        try {
            if (writes.compositeStatements()) {
                jdbc.sql("SET LOCAL lock_timeout = '1s'").update();
            }
            jdbc.sql("INSERT INTO idempotency_key (brand_id, method, path, idem_key, fingerprint, created_at) VALUES (?, ?, ?, ?, '', ?)")
                    .params(scope.brandId(), scope.method(), scope.path(), scope.key(), DbTime.toDb(now)).update();
            return true;
        } catch (DuplicateKeyException | org.springframework.dao.PessimisticLockingFailureException e) {
            return false;
        } finally {
            transactions.rollback(tx);
        }
    }

    /**
     * Claims the key with the request's response, held back to the commit that follows at once
     * ({@link WriteBehind}): the last write of the request's transaction (of its start, when KYC
     * starts are committed in groups). A key taken by another
     * request fails the commit with a {@link DuplicateKeyException} (see {@link #isKeyTaken}); on
     * PostgreSQL the insert first waits for that request's transaction to end.
     *
     * @param freeExpiredKey first delete the key if it is past its 24 hours and the purge has not
     *                       removed it yet (it is free). A start committed with others leaves this
     *                       out: such a key fails the group's commit like a taken one, the group is
     *                       halved until that start is alone, and alone it frees the key. One
     *                       statement less per start for a case the purge makes rare.
     */
    void insertWithResponse(Scope scope, String fingerprint, Instant now, int status, String encryptedBody, boolean freeExpiredKey) {
        if (freeExpiredKey) {
            // One statement per key: it is one index lookup. (As one statement for a group, unnest
            // joined with the table, it was planned on the statistics of a near-empty key table and
            // read the whole table per call once it had grown.)
            writes.update("DELETE FROM idempotency_key WHERE brand_id = ? AND method = ? AND path = ? AND idem_key = ? AND created_at < ?",
                    scope.brandId(), scope.method(), scope.path(), scope.key(), DbTime.toDb(now.minus(IdempotencyFilter.KEY_LIFE)));
        }
        writes.insertIndependentRow("""
                INSERT INTO idempotency_key (brand_id, method, path, idem_key, fingerprint, created_at, response_status, response_body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                scope.brandId(), scope.method(), scope.path(), scope.key(), fingerprint, DbTime.toDb(now), status, encryptedBody);
    }

    /**
     * Whether a duplicate key is this table's primary key (the key is taken), not another table's
     * constraint: by the constraint the database reports, not by its message, which is in the
     * database's language and quotes the key's values.
     */
    static boolean isKeyTaken(DuplicateKeyException e) {
        return UniqueViolation.of(e).map(v -> v.isPrimaryKeyOf("idempotency_key")).orElse(false);
    }

    Optional<Stored> find(Scope scope, Instant now) {
        return jdbc.sql("""
                SELECT fingerprint, created_at, response_status, response_body FROM idempotency_key
                WHERE brand_id = ? AND method = ? AND path = ? AND idem_key = ? AND created_at >= ?""")
                .params(scope.brandId(), scope.method(), scope.path(), scope.key(), DbTime.toDb(now.minus(IdempotencyFilter.KEY_LIFE)))
                .query((rs, n) -> new Stored(rs.getString("fingerprint"), DbTime.fromDb(rs.getObject("created_at", OffsetDateTime.class)),
                        (Integer) rs.getObject("response_status"), rs.getString("response_body")))
                .optional();
    }

    int purgeExpired(Instant now) {
        return jdbc.sql("DELETE FROM idempotency_key WHERE created_at < ?").param(DbTime.toDb(now.minus(IdempotencyFilter.KEY_LIFE))).update();
    }
}
