package org.openkyc.kyc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.openkyc.db.IdArray;
import org.openkyc.db.WriteBehind;
import org.openkyc.verification.CheckResult;
import org.openkyc.verification.Reason;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for KYC attempts, their documents and check results. */
@Repository
class KycRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> EVIDENCE = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final WriteBehind writes;
    private final JsonMapper json;

    KycRepository(JdbcClient jdbc, WriteBehind writes, JsonMapper json) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
    }

    /** A due attempt taken by an evaluator (as it was read), with the evaluation count that fences its result. */
    record Claim(KycAttempt attempt, int evalCount) {
        UUID kycId() {
            return attempt.kycId();
        }

        UUID brandId() {
            return attempt.brandId();
        }

        UUID customerId() {
            return attempt.customerId();
        }
    }

    /** Attempt, brand and customer of an attempt, for locking in the right order. */
    record Ids(UUID kycId, UUID brandId, UUID customerId) {
    }

    /** Held back to the commit ({@link WriteBehind}); attempts of KYC starts committed together go as one multi-row insert (nothing in the transaction reads them back). */
    void insert(KycAttempt a) {
        writes.insertIndependentRow("""
                INSERT INTO kyc_attempt (kyc_id, brand_id, customer_id, program_id, status, ip, fields, reasons, description,
                    eval_due_at, eval_count, documents_due_at, passed_at, date_created, date_updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        a.kycId(), a.brandId(), a.customerId(), a.programId(), a.status().wire(), a.ip(),
                        json.writeValueAsString(a.fields()), json.writeValueAsString(a.reasons()), a.description(),
                        DbTime.toDb(a.evalDueAt()), a.evalCount(), DbTime.toDb(a.documentsDueAt()),
                        DbTime.toDb(a.passedAt()), DbTime.toDb(a.dateCreated()), DbTime.toDb(a.dateUpdated()));
    }

    /**
     * Held back to the commit ({@link WriteBehind}): callers work on the returned object, not a
     * re-read; an evaluator batch's updates go as one statement. A change of state ends any
     * evaluator's lease on the attempt.
     */
    void update(KycAttempt a) {
        writes.updateRow("""
                UPDATE kyc_attempt SET status = ?, fields = ?, reasons = ?, description = ?, eval_due_at = ?, leased_until = NULL,
                    documents_due_at = ?, passed_at = ?, date_updated = ?
                WHERE kyc_id = ?""", """
                UPDATE kyc_attempt AS a SET status = v.status, fields = v.fields, reasons = v.reasons, description = v.description,
                    eval_due_at = v.eval_due_at, leased_until = NULL, documents_due_at = v.documents_due_at, passed_at = v.passed_at,
                    date_updated = v.date_updated
                FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],
                    ?::timestamptz[], ?::uuid[])
                    AS v(status, fields, reasons, description, eval_due_at, documents_due_at, passed_at, date_updated, kyc_id)
                WHERE a.kyc_id = v.kyc_id""",
                        a.status().wire(), json.writeValueAsString(a.fields()), json.writeValueAsString(a.reasons()), a.description(),
                        DbTime.toDb(a.evalDueAt()), DbTime.toDb(a.documentsDueAt()), DbTime.toDb(a.passedAt()),
                        DbTime.toDb(a.dateUpdated()), a.kycId());
    }

    /** A new attempt replaces one waiting for documents (SPEC §5.1): no event, it simply stops counting. */
    void supersedeWaiting(UUID customerId, Instant now) {
        jdbc.sql("UPDATE kyc_attempt SET status = 'superseded', documents_due_at = NULL, date_updated = ? WHERE customer_id = ? AND status = 'document_required'")
                .params(DbTime.toDb(now), customerId).update();
    }

    /** The customer's latest attempt that counts (a superseded one never does), optionally for one program. */
    Optional<KycAttempt> latest(UUID brandId, UUID customerId, UUID programId) {
        String sql = "SELECT * FROM kyc_attempt WHERE brand_id = :brand AND customer_id = :customer AND status <> 'superseded'"
                + (programId == null ? "" : " AND program_id = :program")
                + " ORDER BY date_created DESC, kyc_id DESC LIMIT 1";
        var statement = jdbc.sql(sql).param("brand", brandId).param("customer", customerId);
        if (programId != null) {
            statement = statement.param("program", programId);
        }
        return statement.query(this::map).optional();
    }

    /**
     * The program of each customer's latest attempt that counts (the order of {@link #latest}), for
     * a page of customers in one query; customers without one are left out.
     */
    Map<UUID, UUID> latestPrograms(Collection<UUID> customerIds) {
        Map<UUID, UUID> programs = new HashMap<>();
        jdbc.sql("SELECT customer_id, program_id FROM kyc_attempt WHERE customer_id = ANY(?) AND status <> 'superseded'"
                        + " ORDER BY customer_id, date_created, kyc_id")
                .param(IdArray.of(customerIds))
                .query(rs -> {
                    programs.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)); // the latest comes last
                });
        return programs;
    }

    /** Attempts by id, locked in id order (the order every batch locks in). */
    Map<UUID, KycAttempt> lockAll(java.util.Collection<UUID> kycIds) {
        if (kycIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, KycAttempt> found = new java.util.HashMap<>();
        jdbc.sql("SELECT * FROM kyc_attempt WHERE kyc_id = ANY(?) ORDER BY kyc_id FOR UPDATE")
                .param(IdArray.of(kycIds)).query(this::map).list().forEach(a -> found.put(a.kycId(), a));
        return found;
    }

    Optional<KycAttempt> findForUpdate(UUID kycId) {
        return jdbc.sql("SELECT * FROM kyc_attempt WHERE kyc_id = ? FOR UPDATE").param(kycId).query(this::map).optional();
    }

    /**
     * Takes up to {@code limit} due submitted attempts, skipping rows another evaluator holds or
     * has leased, and leases each one until {@code leaseUntil}: if this evaluator dies, the attempt
     * is due again then. The lease has a column of its own, outside every index, so taking it
     * rewrites the row in place (migration V8). Must run in a transaction of its own (unless
     * {@link #claimIsOneStatement()}: then it may run without one, in one round trip).
     */
    List<Claim> claimDueEvaluations(Instant now, Instant leaseUntil, int limit) {
        return claimDue(KycStatus.SUBMITTED, now, leaseUntil, limit);
    }

    /** {@link #claimDueEvaluations} for attempts in {@code status}: those whose {@code eval_due_at} has come. */
    private List<Claim> claimDue(KycStatus status, Instant now, Instant leaseUntil, int limit) {
        if (writes.compositeStatements()) {
            return claimInOneStatement(status, now, leaseUntil, limit);
        }
        List<Claim> due = jdbc.sql("""
                SELECT * FROM kyc_attempt WHERE status = ? AND eval_due_at <= ? AND (leased_until IS NULL OR leased_until <= ?)
                ORDER BY eval_due_at LIMIT ? FOR UPDATE SKIP LOCKED""")
                .params(status.wire(), DbTime.toDb(now), DbTime.toDb(now), limit)
                .query((rs, n) -> new Claim(map(rs, n), rs.getInt("eval_count") + 1))
                .list();
        if (!due.isEmpty()) {
            // The rows are locked by this transaction, so eval_count + 1 is each claim's count.
            jdbc.sql("UPDATE kyc_attempt SET leased_until = ?, eval_count = eval_count + 1 WHERE kyc_id = ANY(?)")
                    .params(DbTime.toDb(leaseUntil), IdArray.of(due.stream().map(Claim::kycId).toList())).update();
        }
        return due;
    }

    /** Whether a claim is one statement (PostgreSQL), which then needs no transaction around it: it commits by itself. */
    boolean claimIsOneStatement() {
        return writes.compositeStatements();
    }

    /**
     * PostgreSQL: the claim as one statement that reads, locks and leases the rows and returns them
     * (their count already raised: the claim's count), run on its own, so it is one round trip with its commit instead
     * of three (select, update, commit). Rows another evaluator holds are skipped as above. The
     * due ids are an array (the sub-select runs once, then the primary key finds the rows): written
     * as a join, the generic plan read the whole table for every claim (measured, 200k attempts:
     * sequential scan, 88 ms).
     */
    private List<Claim> claimInOneStatement(KycStatus status, Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                UPDATE kyc_attempt SET leased_until = ?, eval_count = eval_count + 1
                WHERE kyc_id = ANY(ARRAY(SELECT kyc_id FROM kyc_attempt WHERE status = ? AND eval_due_at <= ?
                        AND (leased_until IS NULL OR leased_until <= ?)
                    ORDER BY eval_due_at LIMIT ? FOR UPDATE SKIP LOCKED))
                RETURNING *""")
                .params(DbTime.toDb(leaseUntil), status.wire(), DbTime.toDb(now), DbTime.toDb(now), limit)
                .query((rs, n) -> new Claim(map(rs, n), rs.getInt("eval_count")))
                .list();
    }

    /**
     * Extends the leases of attempts a worker still works on, each only while it is in {@code status}
     * ({@code submitted} for the evaluator, {@code document_required} for the document checks) under the same claim (its evaluation count) and still leased (a result put back in line ends
     * the lease): a holder whose lease ran out and whose attempt another evaluator took can no
     * longer keep it. One statement for the set; the lease column is
     * outside every index, so each renewal rewrites its row in place (a HOT update, migration V8).
     * Returns how many leases were renewed.
     */
    int renewLeases(KycStatus status, Map<UUID, Integer> evalCounts, Instant leaseUntil) {
        if (evalCounts.isEmpty()) {
            return 0;
        }
        List<Map.Entry<UUID, Integer>> held = List.copyOf(evalCounts.entrySet());
        UUID[] ids = held.stream().map(Map.Entry::getKey).toArray(UUID[]::new);
        Integer[] counts = held.stream().map(Map.Entry::getValue).toArray(Integer[]::new);
        return jdbc.sql("""
                UPDATE kyc_attempt SET leased_until = ?
                WHERE kyc_id = ANY(?) AND status = ? AND leased_until IS NOT NULL
                    AND (kyc_id, eval_count) IN (SELECT * FROM unnest(?, ?))""")
                .params(DbTime.toDb(leaseUntil), ids, status.wire(), ids, counts).update();
    }

    /** Puts a claimed attempt back in line, e.g. when a check could not run. */
    void rescheduleEvaluation(UUID kycId, int evalCount, Instant dueAt) {
        jdbc.sql("UPDATE kyc_attempt SET eval_due_at = ?, leased_until = NULL WHERE kyc_id = ? AND status = 'submitted' AND eval_count = ?")
                .params(DbTime.toDb(dueAt), kycId, evalCount).update();
    }

    /** Attempts waiting for documents past their deadline (read without locks; each is then locked customer first). */
    List<Ids> overdueDocumentWaits(Instant now, int limit) {
        return jdbc.sql("""
                SELECT kyc_id, brand_id, customer_id FROM kyc_attempt WHERE status = 'document_required' AND documents_due_at <= ?
                ORDER BY documents_due_at LIMIT ?""")
                .params(DbTime.toDb(now), limit)
                .query((rs, n) -> new Ids(rs.getObject("kyc_id", UUID.class), rs.getObject("brand_id", UUID.class),
                        rs.getObject("customer_id", UUID.class)))
                .list();
    }

    List<KycDocument> documents(UUID kycId) {
        return jdbc.sql("SELECT document_type, status FROM kyc_document WHERE kyc_id = ? ORDER BY document_type")
                .param(kycId).query((rs, n) -> new KycDocument(rs.getString("document_type"), rs.getString("status"))).list();
    }

    /** Requests these documents afresh (a reviewer may ask again for ones already sent). */
    void requestDocuments(UUID kycId, List<String> types, Instant now) {
        for (String type : types) {
            int updated = jdbc.sql("UPDATE kyc_document SET status = 'required', date_updated = ? WHERE kyc_id = ? AND document_type = ?")
                    .params(DbTime.toDb(now), kycId, type).update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO kyc_document (kyc_id, document_type, status, date_updated) VALUES (?, ?, 'required', ?)")
                        .params(kycId, type, DbTime.toDb(now)).update();
            }
        }
    }

    void markSubmitted(UUID kycId, String type, String subtype, String country, Instant now) {
        jdbc.sql("UPDATE kyc_document SET status = 'submitted', subtype = ?, country = ?, date_updated = ? WHERE kyc_id = ? AND document_type = ?")
                .params(subtype, country, DbTime.toDb(now), kycId, type).update();
    }

    /** The government id of an attempt as uploaded: its type, country, and whether a back image came with it. */
    record GovernmentId(String subtype, String country, boolean hasBack) {
    }

    Optional<GovernmentId> governmentId(UUID kycId) {
        return jdbc.sql("""
                SELECT d.subtype, d.country, EXISTS (SELECT 1 FROM kyc_document_file f WHERE f.kyc_id = d.kyc_id
                    AND f.document_type = d.document_type AND f.side = 'back') AS has_back
                FROM kyc_document d WHERE d.kyc_id = ? AND d.document_type = 'government_id' AND d.status = 'submitted'""")
                .param(kycId).query((rs, n) -> new GovernmentId(rs.getString("subtype"), rs.getString("country"), rs.getBoolean("has_back")))
                .optional();
    }

    /** The latest back image of the attempt's government id, as stored (encrypted). */
    Optional<byte[]> governmentIdBack(UUID kycId) {
        return jdbc.sql("""
                SELECT content FROM kyc_document_file WHERE kyc_id = ? AND document_type = 'government_id' AND side = 'back'
                ORDER BY date_created DESC, file_id DESC LIMIT 1""")
                .param(kycId).query((rs, n) -> rs.getBytes("content")).optional();
    }

    /**
     * Marks a {@code document_required} attempt whose documents are in as due for the document
     * check. Its evaluation count goes up, which fences off a check still working on an earlier
     * upload; its document deadline no longer runs (the customer has done their part).
     */
    void dueForDocumentCheck(UUID kycId, Instant now) {
        jdbc.sql("""
                UPDATE kyc_attempt SET eval_due_at = ?, leased_until = NULL, eval_count = eval_count + 1, documents_due_at = NULL
                WHERE kyc_id = ? AND status = 'document_required'""")
                .params(DbTime.toDb(now), kycId).update();
    }

    /**
     * Takes up to {@code limit} attempts whose documents are due for the check, as
     * {@link #claimDueEvaluations} takes submitted ones: rows others hold skipped, each leased.
     */
    List<Claim> claimDueDocumentChecks(Instant now, Instant leaseUntil, int limit) {
        return claimDue(KycStatus.DOCUMENT_REQUIRED, now, leaseUntil, limit);
    }

    void insertFile(UUID kycId, String type, String side, String fileName, String contentType, int size, byte[] encrypted, Instant now) {
        jdbc.sql("""
                INSERT INTO kyc_document_file (file_id, kyc_id, document_type, side, file_name, content_type, size_bytes, content, date_created)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(org.openkyc.db.Ids.newId(), kycId, type, side, fileName, contentType, size, encrypted, DbTime.toDb(now)).update();
    }

    /** Held back to the commit ({@link WriteBehind}), where a batch's results go as one insert. */
    void insertCheckResults(UUID kycId, List<CheckResult> results, Instant now) {
        for (CheckResult r : results) {
            writes.insertIndependentRow("INSERT INTO kyc_check_result (kyc_id, check_name, outcome, reason_code, evidence, date_created) VALUES (?, ?, ?, ?, ?, ?)",
                    kycId, r.check(), r.outcome().name().toLowerCase(java.util.Locale.ROOT), r.reason() == null ? null : r.reason().code(),
                    json.writeValueAsString(r.evidence()), DbTime.toDb(now));
        }
    }

    /** The attempt of a brand, without a lock. */
    Optional<KycAttempt> find(UUID brandId, UUID kycId) {
        return jdbc.sql("SELECT * FROM kyc_attempt WHERE kyc_id = ? AND brand_id = ?").params(kycId, brandId).query(this::map).optional();
    }

    /** The results the evaluations of an attempt stored, oldest first; evidence is null once the customer was erased. */
    List<AttemptRecords.CheckRecord> checkResults(UUID kycId) {
        return jdbc.sql("SELECT * FROM kyc_check_result WHERE kyc_id = ? ORDER BY date_created, check_name").param(kycId)
                .query((rs, n) -> {
                    String evidence = rs.getString("evidence");
                    return new AttemptRecords.CheckRecord(rs.getString("check_name"), rs.getString("outcome"), rs.getString("reason_code"),
                            evidence == null ? null : json.readValue(evidence, EVIDENCE), instant(rs, "date_created"));
                }).list();
    }

    /** The files uploaded for an attempt, without their content. */
    List<AttemptRecords.DocumentFile> documentFiles(UUID kycId) {
        return jdbc.sql("""
                SELECT f.file_id, f.document_type, d.subtype, f.side, f.file_name, f.content_type, f.size_bytes, f.date_created
                FROM kyc_document_file f JOIN kyc_document d ON d.kyc_id = f.kyc_id AND d.document_type = f.document_type
                WHERE f.kyc_id = ? ORDER BY f.date_created, f.file_id""").param(kycId)
                .query((rs, n) -> new AttemptRecords.DocumentFile(rs.getObject("file_id", UUID.class), rs.getString("document_type"),
                        rs.getString("subtype"), rs.getString("side"), rs.getString("file_name"), rs.getString("content_type"),
                        rs.getInt("size_bytes"), instant(rs, "date_created"))).list();
    }

    /** One sealed file of an attempt: its type and side (the cipher's context) and the stored ciphertext. */
    record SealedFile(UUID fileId, String documentType, String side, String fileName, String contentType, byte[] content) {
    }

    Optional<SealedFile> documentFile(UUID kycId, UUID fileId) {
        return jdbc.sql("SELECT file_id, document_type, side, file_name, content_type, content FROM kyc_document_file WHERE kyc_id = ? AND file_id = ?")
                .params(kycId, fileId)
                .query((rs, n) -> new SealedFile(rs.getObject("file_id", UUID.class), rs.getString("document_type"), rs.getString("side"),
                        rs.getString("file_name"), rs.getString("content_type"), rs.getBytes("content"))).optional();
    }

    private KycAttempt map(ResultSet rs, int row) throws SQLException {
        return new KycAttempt(rs.getObject("kyc_id", UUID.class), rs.getObject("brand_id", UUID.class),
                rs.getObject("customer_id", UUID.class), rs.getObject("program_id", UUID.class),
                KycStatus.fromWire(rs.getString("status")), rs.getString("ip"),
                json.readValue(rs.getString("fields"), STRINGS), json.readValue(rs.getString("reasons"), REASONS),
                rs.getString("description"), instant(rs, "eval_due_at"), rs.getInt("eval_count"), instant(rs, "documents_due_at"),
                instant(rs, "passed_at"), instant(rs, "date_created"), instant(rs, "date_updated"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return DbTime.fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
