package org.openkyc.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for the audit trail (table {@code review_audit}, migration V18). Append-only: there is an
 * insert and reads, and deliberately no update or delete (PostgreSQL refuses both by trigger).
 */
@Repository
class AuditRepository {

    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Written at once, not held back: the line is in before anything is shown, and a failing write fails the view. */
    void append(AuditEntry e) {
        jdbc.sql("""
                INSERT INTO review_audit (audit_id, occurred_at, reviewer_id, reviewer_name, client_address, action, brand_id, case_id,
                    customer_id, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(e.auditId(), DbTime.toDb(e.occurredAt()), e.reviewerId(), e.reviewerName(), e.clientAddress(), e.action(),
                        e.brandId(), e.caseId(), e.customerId(), json.writeValueAsString(e.detail()))
                .update();
    }

    /** Lines matching the filter, in the order written, after {@code afterSeq}; {@code limit} rows from {@code offset}. */
    List<AuditEntry> list(AuditFilter f, UUID reviewerBrand, long afterSeq, int limit, int offset) {
        SqlFilter where = new SqlFilter("SELECT * FROM review_audit WHERE audit_seq > :after")
                .and("brand_id = :reviewerBrand", "reviewerBrand", reviewerBrand)
                .and("brand_id = :brand", "brand", f.brandId())
                .and("case_id = :case", "case", f.caseId())
                .and("reviewer_id = :reviewer", "reviewer", f.reviewerId())
                .and("action = :action", "action", f.action())
                .and("occurred_at >= :from", "from", f.from() == null ? null : DbTime.toDb(f.from()))
                .and("occurred_at < :to", "to", f.to() == null ? null : DbTime.toDb(f.to()));
        Map<String, Object> params = where.params();
        params.put("after", afterSeq);
        return jdbc.sql(where.sql("audit_seq", limit, offset)).params(params).query(this::map).list();
    }

    private AuditEntry map(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("audit_seq"), rs.getObject("audit_id", UUID.class),
                DbTime.fromDb(rs.getObject("occurred_at", OffsetDateTime.class)), rs.getObject("reviewer_id", UUID.class),
                rs.getString("reviewer_name"), rs.getString("client_address"), rs.getString("action"), rs.getObject("brand_id", UUID.class),
                rs.getObject("case_id", UUID.class), rs.getObject("customer_id", UUID.class), json.readValue(rs.getString("detail"), DETAIL));
    }
}
