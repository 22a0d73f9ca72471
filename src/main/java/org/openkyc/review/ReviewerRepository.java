package org.openkyc.review;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the reviewer accounts and their API tokens. */
@Repository
class ReviewerRepository {

    private static final String COLUMNS = "reviewer_id, username, password_bcrypt, role, brand_id, active, failed_logins, locked_until, date_created";

    private final JdbcClient jdbc;

    ReviewerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record StoredReviewer(UUID reviewerId, String username, String passwordBcrypt, ReviewerRole role, UUID brandId, boolean active,
                          int failedLogins, Instant lockedUntil, Instant dateCreated) {

        ReviewerPrincipal principal() {
            return new ReviewerPrincipal(reviewerId, username, role, brandId);
        }

        boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    void insert(UUID id, String username, String passwordBcrypt, ReviewerRole role, UUID brandId, Instant now) {
        jdbc.sql("INSERT INTO reviewer (reviewer_id, username, password_bcrypt, role, brand_id, active, failed_logins, date_created, date_updated)"
                        + " VALUES (?, ?, ?, ?, ?, TRUE, 0, ?, ?)")
                .params(id, username, passwordBcrypt, role.wire(), brandId, DbTime.toDb(now), DbTime.toDb(now)).update();
    }

    Optional<StoredReviewer> byUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reviewer WHERE username = ?").param(username).query(this::row).optional();
    }

    Optional<StoredReviewer> byId(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reviewer WHERE reviewer_id = ?").param(id).query(this::row).optional();
    }

    List<StoredReviewer> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM reviewer ORDER BY username").query(this::row).list();
    }

    boolean deactivate(UUID id, Instant now) {
        int changed = jdbc.sql("UPDATE reviewer SET active = FALSE, date_updated = ? WHERE reviewer_id = ?").params(DbTime.toDb(now), id).update();
        jdbc.sql("UPDATE reviewer_token SET active = FALSE WHERE reviewer_id = ?").param(id).update();
        return changed == 1;
    }

    /**
     * Counts a failed login in one statement (two browsers failing at once both count); the
     * {@code limit}-th in a row locks the account until {@code lockUntil} and starts the count again.
     */
    void countFailure(UUID id, int limit, Instant lockUntil) {
        jdbc.sql("UPDATE reviewer SET"
                        + " locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END,"
                        + " failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END"
                        + " WHERE reviewer_id = ?")
                .params(limit, DbTime.toDb(lockUntil), limit, id).update();
    }

    void clearFailures(UUID id) {
        jdbc.sql("UPDATE reviewer SET failed_logins = 0, locked_until = NULL WHERE reviewer_id = ? AND (failed_logins <> 0 OR locked_until IS NOT NULL)")
                .param(id).update();
    }

    void insertToken(UUID tokenId, UUID reviewerId, String name, String secretSha256, Instant now) {
        jdbc.sql("INSERT INTO reviewer_token (token_id, reviewer_id, name, secret_sha256, active, date_created) VALUES (?, ?, ?, ?, TRUE, ?)")
                .params(tokenId, reviewerId, name, secretSha256, DbTime.toDb(now)).update();
    }

    record StoredToken(String secretSha256, StoredReviewer reviewer) {
    }

    /** An active token of an active reviewer. */
    Optional<StoredToken> activeToken(UUID tokenId) {
        return jdbc.sql("SELECT t.secret_sha256, r.reviewer_id, r.username, r.password_bcrypt, r.role, r.brand_id, r.active, r.failed_logins,"
                        + " r.locked_until, r.date_created FROM reviewer_token t JOIN reviewer r ON r.reviewer_id = t.reviewer_id"
                        + " WHERE t.token_id = ? AND t.active AND r.active")
                .param(tokenId)
                .query((rs, n) -> new StoredToken(rs.getString(1), new StoredReviewer(rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), ReviewerRole.parse(rs.getString(5)).orElseThrow(), rs.getObject(6, UUID.class), rs.getBoolean(7),
                        rs.getInt(8), DbTime.fromDb(rs.getObject(9, OffsetDateTime.class)), DbTime.fromDb(rs.getObject(10, OffsetDateTime.class)))))
                .optional();
    }

    private StoredReviewer row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new StoredReviewer(rs.getObject("reviewer_id", UUID.class), rs.getString("username"), rs.getString("password_bcrypt"),
                ReviewerRole.parse(rs.getString("role")).orElseThrow(), rs.getObject("brand_id", UUID.class), rs.getBoolean("active"),
                rs.getInt("failed_logins"), DbTime.fromDb(rs.getObject("locked_until", OffsetDateTime.class)),
                DbTime.fromDb(rs.getObject("date_created", OffsetDateTime.class)));
    }
}
