package org.openkyc.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.openkyc.db.WriteBehind;
import org.openkyc.verification.Reason;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for review cases (table {@code review_case}, migration V17). */
@Repository
class CaseRepository {

    private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() { };
    private static final String OPEN = "status IN ('open', 'pending_approval')";

    private final JdbcClient jdbc;
    private final WriteBehind writes;
    private final JsonMapper json;

    CaseRepository(JdbcClient jdbc, WriteBehind writes, JsonMapper json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
    }

    /**
     * Held back to the commit ({@link WriteBehind}): a case opens in the transaction of the change
     * that causes it (an evaluator batch sends many in one multi-row insert), and nothing in that
     * transaction reads it back.
     */
    void insert(ReviewCase c) {
        writes.insertIndependentRow("""
                INSERT INTO review_case (case_id, brand_id, customer_id, kind, kyc_id, hit_id, reason_codes, reasons, status, version,
                    opened_at, date_updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                c.caseId(), c.brandId(), c.customerId(), c.kind().wire(), c.kycId(), c.hitId(), codes(c.reasonCodes()),
                json.writeValueAsString(c.reasons()), c.status().wire(), c.version(), DbTime.toDb(c.openedAt()), DbTime.toDb(c.dateUpdated()));
    }

    Optional<ReviewCase> find(UUID caseId) {
        return jdbc.sql("SELECT * FROM review_case WHERE case_id = ?").param(caseId).query(this::map).optional();
    }

    Optional<ReviewCase> findForUpdate(UUID caseId) {
        return jdbc.sql("SELECT * FROM review_case WHERE case_id = ? FOR UPDATE").param(caseId).query(this::map).optional();
    }

    /** The cases of an attempt, newest first (an attempt sent back for documents comes to review again). */
    List<ReviewCase> ofAttempt(UUID kycId) {
        return jdbc.sql("SELECT * FROM review_case WHERE kyc_id = ? ORDER BY opened_at DESC, case_id DESC").param(kycId).query(this::map).list();
    }

    /** Open cases matching the filter, oldest first; {@code limit} rows from {@code offset}. */
    List<ReviewCase> queue(QueueFilter filter, UUID reviewerBrand, Instant now, int limit, int offset) {
        SqlFilter where = new SqlFilter("SELECT * FROM review_case WHERE " + OPEN)
                .and("brand_id = :brand", "brand", reviewerBrand != null ? reviewerBrand : filter.brandId())
                .and("reason_codes LIKE :reason ESCAPE '!'", "reason", filter.reasonCode() == null ? null
                        : "%," + filter.reasonCode().replace("_", "!_") + ",%")
                .and("customer_id = :customer", "customer", filter.customerId())
                .and("kind = :kind", "kind", filter.kind() == null ? null : filter.kind().wire())
                .and("status = :status", "status", filter.status() == null ? null : filter.status().wire())
                .and("opened_at <= :openedBefore", "openedBefore", filter.minAge() == null ? null : DbTime.toDb(now.minus(filter.minAge())))
                .and("opened_at >= :openedAfter", "openedAfter", filter.maxAge() == null ? null : DbTime.toDb(now.minus(filter.maxAge())))
                .andIf(filter.unassigned(), "assignee_id IS NULL")
                .and("assignee_id = :assignee", "assignee", filter.unassigned() ? null : filter.assigneeId());
        return jdbc.sql(where.sql("opened_at, case_id", limit, offset)).params(where.params()).query(this::map).list();
    }

    /**
     * For each customer that has a case in the brand: its open case, else its latest. Customers
     * without one are left out.
     */
    Map<UUID, UUID> caseOfEach(UUID brandId, List<UUID> customerIds) {
        Map<UUID, UUID> out = new HashMap<>();
        if (customerIds.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT customer_id, case_id FROM review_case WHERE brand_id = :brand AND customer_id IN (:customers)"
                        + " ORDER BY CASE WHEN " + OPEN + " THEN 1 ELSE 0 END, opened_at, case_id")
                .param("brand", brandId).param("customers", customerIds)
                // The best comes last in this order and overwrites the others.
                .query(rs -> { out.put(rs.getObject("customer_id", UUID.class), rs.getObject("case_id", UUID.class)); });
        return out;
    }

    /** The next case for a reviewer: the oldest open one assigned to them, else the oldest unassigned one. */
    Optional<ReviewCase> next(Reviewer who, boolean pendingApprovals) {
        String brand = who.brandId() == null ? "" : " AND brand_id = :brand";
        String status = pendingApprovals ? OPEN : "status = 'open'";
        var statement = jdbc.sql("SELECT * FROM review_case WHERE " + status + brand
                        + " AND (assignee_id = :me OR assignee_id IS NULL) AND (first_approver_id IS NULL OR first_approver_id <> :me)"
                        + " ORDER BY CASE WHEN assignee_id = :me THEN 0 ELSE 1 END, opened_at, case_id LIMIT 1")
                .param("me", who.reviewerId());
        if (who.brandId() != null) {
            statement = statement.param("brand", who.brandId());
        }
        return statement.query(this::map).optional();
    }

    /** Each change names the version it was based on: 0 rows when the case changed meanwhile. */
    int assign(UUID caseId, int version, UUID assigneeId, String assigneeName, Instant now) {
        return jdbc.sql("""
                UPDATE review_case SET assignee_id = ?, assignee_name = ?, assigned_at = ?, version = version + 1, date_updated = ?
                WHERE case_id = ? AND version = ?""" + " AND " + OPEN)
                .params(assigneeId, assigneeName, assigneeId == null ? null : DbTime.toDb(now), DbTime.toDb(now), caseId, version).update();
    }

    /** The first approval also gives the case back to the queue: the first approver's part is done, a supervisor's comes next. */
    int recordFirstApproval(UUID caseId, int version, ReviewCase.Approval a) {
        return jdbc.sql("""
                UPDATE review_case SET status = 'pending_approval', first_approver_id = ?, first_approver_name = ?, first_reason_code = ?,
                    first_note = ?, first_approved_at = ?, assignee_id = NULL, assignee_name = NULL, assigned_at = NULL,
                    version = version + 1, date_updated = ?
                WHERE case_id = ? AND version = ? AND status = 'open'""")
                .params(a.reviewerId(), a.username(), a.reasonCode(), a.note(), DbTime.toDb(a.at()), DbTime.toDb(a.at()), caseId, version).update();
    }

    int close(UUID caseId, int version, ReviewCase.Outcome o) {
        return jdbc.sql("""
                UPDATE review_case SET status = 'closed', decision = ?, decision_reason_code = ?, decision_note = ?, decided_by_id = ?,
                    decided_by_name = ?, decided_at = ?, version = version + 1, date_updated = ?
                WHERE case_id = ? AND version = ?""" + " AND " + OPEN)
                .params(o.decision(), o.reasonCode(), o.note(), o.reviewerId(), o.username(), DbTime.toDb(o.at()), DbTime.toDb(o.at()),
                        caseId, version).update();
    }

    /** Closes, with no reviewer, the open cases of an attempt that left review by another path. */
    int closeOpenOfAttempt(UUID kycId, String decision, Instant now) {
        return jdbc.sql("UPDATE review_case SET status = 'closed', decision = ?, decided_at = ?, version = version + 1, date_updated = ?"
                        + " WHERE kyc_id = ? AND " + OPEN)
                .params(decision, DbTime.toDb(now), DbTime.toDb(now), kycId).update();
    }

    static String codes(List<String> reasonCodes) {
        return reasonCodes.isEmpty() ? "," : "," + String.join(",", reasonCodes) + ",";
    }

    private ReviewCase map(ResultSet rs, int row) throws SQLException {
        List<String> codes = new ArrayList<>(Arrays.asList(rs.getString("reason_codes").split(",")));
        codes.removeIf(String::isEmpty);
        UUID firstApprover = rs.getObject("first_approver_id", UUID.class);
        ReviewCase.Approval first = firstApprover == null ? null : new ReviewCase.Approval(firstApprover, rs.getString("first_approver_name"),
                rs.getString("first_reason_code"), rs.getString("first_note"), instant(rs, "first_approved_at"));
        String decision = rs.getString("decision");
        ReviewCase.Outcome outcome = decision == null ? null : new ReviewCase.Outcome(decision, rs.getString("decision_reason_code"),
                rs.getString("decision_note"), rs.getObject("decided_by_id", UUID.class), rs.getString("decided_by_name"), instant(rs, "decided_at"));
        return new ReviewCase(rs.getObject("case_id", UUID.class), rs.getObject("brand_id", UUID.class), rs.getObject("customer_id", UUID.class),
                ReviewCase.Kind.fromWire(rs.getString("kind")), rs.getObject("kyc_id", UUID.class), rs.getObject("hit_id", UUID.class),
                List.copyOf(codes), json.readValue(rs.getString("reasons"), REASONS), ReviewCase.Status.fromWire(rs.getString("status")),
                rs.getObject("assignee_id", UUID.class), rs.getString("assignee_name"), instant(rs, "assigned_at"), first, outcome,
                rs.getInt("version"), instant(rs, "opened_at"), instant(rs, "date_updated"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return DbTime.fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
