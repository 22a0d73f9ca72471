package org.openkyc.review;

import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.api.ApiException;
import org.openkyc.customer.CustomerProfile;
import org.openkyc.customer.Customers;
import org.openkyc.db.DbTime;
import org.openkyc.db.Ids;
import org.openkyc.kyc.AttemptRecords;
import org.openkyc.kyc.ReviewOutcomes;
import org.openkyc.screening.WatchlistHits;
import org.openkyc.verification.Reason;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The review desk (SPEC §10): the queue, the case page, claims, decisions and the audit trail. No
 * HTTP here: the console and the API call it with who is acting ({@link Reviewer}) and the client
 * address (for the audit), and translate what it returns and throws.
 *
 * <h2>API</h2>
 * <ul>
 * <li>{@link #queue(Reviewer, QueueFilter)}: open cases oldest first, each with the time it has
 *     waited; filters in {@link QueueFilter}. {@link #next(Reviewer)}: the case to work next (the
 *     oldest assigned to the reviewer, else the oldest unassigned; for a supervisor, first approvals
 *     waiting for them too). {@link #find(Reviewer, UUID)}: one case's row (ids, reasons, status,
 *     version), not audited: it holds no personal data.</li>
 * <li>{@link #view(Reviewer, UUID, String)}: the case page ({@link CaseDetail}: customer with the
 *     SSN masked, check results with evidence, watchlist candidates, licence, other customers with
 *     the same SSN (ids), monitoring hit, documents, timeline, the decisions on offer). Audited
 *     {@code case_viewed}. {@link #document(Reviewer, UUID, UUID, String)}: one document image,
 *     decrypted for viewing; audited {@code document_viewed}. Serve it with no-store caching.</li>
 * <li>{@link #claim}, {@link #assign} (supervisors; a null assignee releases), {@link #release}:
 *     each names the case version the reviewer saw; audited.</li>
 * <li>{@link #decide(Reviewer, UUID, int, Decision, String)}: approve / reject / request_documents
 *     (KYC cases) or false_positive / confirmed_match (monitoring cases), with one of the action's
 *     reason codes ({@link Decision.Action#reasonCodes()}) and a note where {@link DecisionRules}
 *     requires one. Clearing a watchlist match takes four eyes: the first approval returns the case
 *     {@code pending_approval}; a supervisor who is not its author completes it, and the case's
 *     watchlist candidates are then dismissed for the customer (screening does not raise them
 *     again in monitoring). The attempt's new
 *     state and its SPEC §5.3 event (outbox) go in the same transaction as the case and the audit.</li>
 * <li>{@link #audit(Reviewer, AuditFilter)}: the audit trail, oldest first, paged;
 *     {@link #exportAudit(Reviewer, AuditFilter, Writer, String)}: all of it that matches as CSV
 *     ({@link AuditCsv}), itself audited {@code audit_exported}.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * Refusals are {@link ApiException}s for the SPEC §1.1 envelope: 404 {@code case_dne} (also for a
 * case of a brand the reviewer does not see) and {@code document_dne}; 409 {@code case_changed}
 * (the version differs: extra {@code current_version}), {@code case_closed}, {@code case_claimed} (a claim
 * or release of someone else's case), {@code case_claimed_by_other} (a decision on a case someone
 * else holds, by a reviewer who is not a supervisor); 400 {@code review_assignee_invalid};
 * 400 {@code review_decision_invalid}, {@code review_note_required}; 403
 * {@code review_supervisor_required}, {@code review_four_eyes}; 503
 * {@code watchlist_hits_unavailable} (a monitoring decision before screening can take it). The
 * filters' constructors throw IllegalArgumentException on bad values (a 400 for the caller).
 * Nothing here logs personal data.
 */
@Service
class ReviewDesk {

    private static final int EXPORT_CHUNK = 500;

    private final CaseRepository cases;
    private final AuditRepository audit;
    private final ReviewerRepository reviewers;
    private final ReviewOutcomes outcomes;
    private final AttemptRecords records;
    private final Customers customers;
    private final ObjectProvider<WatchlistHits> hits;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ReviewDesk(CaseRepository cases, AuditRepository audit, ReviewerRepository reviewers, ReviewOutcomes outcomes, AttemptRecords records, Customers customers,
               ObjectProvider<WatchlistHits> hits, JsonMapper json, TransactionTemplate transactions, Clock clock) {
        this.cases = cases;
        this.audit = audit;
        this.reviewers = reviewers;
        this.outcomes = outcomes;
        this.records = records;
        this.customers = customers;
        this.hits = hits;
        this.json = json;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A queue line: the case and how long it has waited. */
    record QueueItem(ReviewCase reviewCase, Duration waited) {
    }

    /** One page of the queue; {@code more} says a next page has cases. */
    record QueuePage(List<QueueItem> items, int page, int perPage, boolean more) {
    }

    /** A decision taken: the case after it, and the attempt's state (null for monitoring, or while a second approval is awaited). */
    record Decided(ReviewCase reviewCase, String kycStatus) {
        boolean awaitingSecondApproval() {
            return reviewCase.status() == ReviewCase.Status.PENDING_APPROVAL;
        }
    }

    /** One page of the audit trail. */
    record AuditPage(List<AuditEntry> entries, int page, int perPage, boolean more) {
    }

    @Transactional(readOnly = true)
    QueuePage queue(Reviewer who, QueueFilter filter) {
        if (who.brandId() != null && filter.brandId() != null && !who.brandId().equals(filter.brandId())) {
            return new QueuePage(List.of(), filter.page(), filter.perPage(), false);
        }
        Instant now = DbTime.now(clock);
        List<ReviewCase> found = cases.queue(filter, who.brandId(), now, filter.perPage() + 1, filter.offset());
        List<QueueItem> items = found.stream().limit(filter.perPage()).map(c -> new QueueItem(c, c.waited(now))).toList();
        return new QueuePage(items, filter.page(), filter.perPage(), found.size() > filter.perPage());
    }

    @Transactional(readOnly = true)
    Optional<QueueItem> next(Reviewer who) {
        Instant now = DbTime.now(clock);
        return cases.next(who, who.supervisor()).map(c -> new QueueItem(c, c.waited(now)));
    }

    @Transactional(readOnly = true)
    ReviewCase find(Reviewer who, UUID caseId) {
        return visible(who, caseId);
    }

    @Transactional
    CaseDetail view(Reviewer who, UUID caseId, String clientAddress) {
        ReviewCase c = visible(who, caseId);
        Instant now = DbTime.now(clock);
        CustomerProfile customer = customers.profile(c.brandId(), c.customerId()).orElse(null);
        AttemptRecords.Attempt attempt = attemptOf(c).orElse(null);
        List<AttemptRecords.CheckRecord> checks = attempt == null ? List.of() : records.checkResults(attempt.kycId());
        List<AttemptRecords.DocumentFile> documents = attempt == null ? List.of() : records.documents(attempt.kycId());
        WatchlistHits.Hit hit = c.hitId() == null ? null : Optional.ofNullable(hits.getIfAvailable()).flatMap(h -> h.find(c.hitId()))
                .filter(h -> h.brandId().equals(c.brandId())).orElse(null);
        boolean fourEyes = c.watchlist();
        List<UUID> duplicates = Evidence.duplicateCustomerIds(checks);
        CaseDetail detail = new CaseDetail(c, c.waited(now), customer, attempt, checks, Evidence.candidates(checks),
                Evidence.licence(checks, sealed -> records.decodedLicence(attempt.kycId(), sealed)),
                duplicates, hit, documents, timeline(c, attempt, checks), DecisionRules.available(c, who),
                fourEyes, c.kind() == ReviewCase.Kind.KYC && DecisionRules.noteRequired(c, Decision.Action.APPROVE),
                cases.caseOfEach(c.brandId(), duplicates));
        record(who, clientAddress, AuditEntry.CASE_VIEWED, c, Map.of("version", c.version()), now);
        return detail;
    }

    /** One document image of the case's attempt, decrypted for viewing (never cache it). */
    @Transactional
    AttemptRecords.Image document(Reviewer who, UUID caseId, UUID fileId, String clientAddress) {
        ReviewCase c = visible(who, caseId);
        AttemptRecords.Image image = attemptOf(c).flatMap(a -> records.image(a.kycId(), fileId))
                .orElseThrow(() -> ApiException.notFound("document_dne", "Document " + fileId + " is not one of this case's."));
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("file_id", image.fileId().toString());
        what.put("document_type", image.documentType());
        what.put("side", image.side());
        record(who, clientAddress, AuditEntry.DOCUMENT_VIEWED, c, what, DbTime.now(clock));
        return image;
    }

    /** Takes the case for this reviewer; already theirs is a no-op. Someone else's is refused unless the reviewer supervises. */
    @Transactional
    ReviewCase claim(Reviewer who, UUID caseId, int version, String clientAddress) {
        ReviewCase c = lockedAt(who, caseId, version);
        if (who.reviewerId().equals(c.assigneeId())) {
            return c;
        }
        if (c.assigneeId() != null && !who.supervisor()) {
            throw ApiException.conflict("case_claimed", "This case is claimed by " + c.assigneeName() + ".");
        }
        return reassign(who, c, who.reviewerId(), who.username(), AuditEntry.CASE_CLAIMED, clientAddress);
    }

    /**
     * Supervisors assign a case to a reviewer (a null {@code assigneeId} releases it): an active
     * account that sees the case's brand, else 400 {@code review_assignee_invalid}. The console and
     * the API both assign through here.
     */
    @Transactional
    ReviewCase assignTo(Reviewer who, UUID caseId, int version, UUID assigneeId, String clientAddress) {
        if (!who.supervisor()) {
            throw supervisorRequired();
        }
        ReviewCase c = visible(who, caseId);
        String assigneeName = assigneeId == null ? null : reviewers.byId(assigneeId)
                .filter(r -> r.active() && (r.brandId() == null || r.brandId().equals(c.brandId())))
                .map(ReviewerRepository.StoredReviewer::username)
                .orElseThrow(() -> ApiException.badRequest("review_assignee_invalid", "That reviewer cannot work on this brand's cases."));
        return assign(who, caseId, version, assigneeId, assigneeName, clientAddress);
    }

    /** {@link #assignTo} with the assignee's name already known (checked by the caller). */
    @Transactional
    ReviewCase assign(Reviewer who, UUID caseId, int version, UUID assigneeId, String assigneeName, String clientAddress) {
        if (!who.supervisor()) {
            throw supervisorRequired();
        }
        ReviewCase c = lockedAt(who, caseId, version);
        return reassign(who, c, assigneeId, assigneeId == null ? null : assigneeName,
                assigneeId == null ? AuditEntry.CASE_RELEASED : AuditEntry.CASE_ASSIGNED, clientAddress);
    }

    private static ApiException supervisorRequired() {
        return ApiException.request(HttpStatus.FORBIDDEN, "review_supervisor_required", "Only a supervisor assigns cases to others.");
    }

    /** Gives a claimed case back to the queue: its assignee, or a supervisor. */
    @Transactional
    ReviewCase release(Reviewer who, UUID caseId, int version, String clientAddress) {
        ReviewCase c = lockedAt(who, caseId, version);
        if (c.assigneeId() == null) {
            return c;
        }
        if (!who.reviewerId().equals(c.assigneeId()) && !who.supervisor()) {
            throw ApiException.conflict("case_claimed", "This case is claimed by " + c.assigneeName() + ".");
        }
        return reassign(who, c, null, null, AuditEntry.CASE_RELEASED, clientAddress);
    }

    /**
     * Decides the case as of {@code version}, the version the reviewer saw. Locks the customer and
     * the attempt first (the order of every KYC path), then the case: of two reviewers deciding at
     * once, the second finds the version changed and is refused.
     */
    @Transactional
    Decided decide(Reviewer who, UUID caseId, int version, Decision decision, String clientAddress) {
        ReviewCase seen = visible(who, caseId);
        WatchlistHits hitDecisions = seen.kind() == ReviewCase.Kind.MONITORING ? watchlistHits() : null;
        if (seen.kind() == ReviewCase.Kind.KYC && outcomes.lockForDecision(seen.brandId(), seen.customerId(), seen.kycId()).isEmpty()) {
            throw ApiException.conflict("case_closed", "The customer of this case was deleted.");
        }
        ReviewCase c = lockedAt(who, caseId, version);
        DecisionRules.Ruling ruling = DecisionRules.rule(c, who, decision);
        if (ruling.refused()) {
            throw ApiException.request(ruling.status(), ruling.code(), ruling.message());
        }
        Instant now = DbTime.now(clock);
        if (ruling.effect() == DecisionRules.Ruling.Effect.FIRST_APPROVAL) {
            ReviewCase.Approval first = new ReviewCase.Approval(who.reviewerId(), who.username(), decision.reasonCode(), decision.note(), now);
            requireChanged(cases.recordFirstApproval(caseId, version, first), caseId, version);
            record(who, clientAddress, AuditEntry.FIRST_APPROVAL, c, decisionDetail(c, who, decision, null), now);
            return new Decided(cases.find(caseId).orElseThrow(), null);
        }
        ReviewCase.Outcome outcome = new ReviewCase.Outcome(decision.action().wire(), decision.reasonCode(), decision.note(),
                who.reviewerId(), who.username(), now);
        // The case closes before the attempt moves: the attempt's "left review" event then finds nothing open to close.
        requireChanged(cases.close(caseId, version, outcome), caseId, version);
        String kycStatus = apply(c, decision, hitDecisions, now);
        record(who, clientAddress, AuditEntry.DECISION, c, decisionDetail(c, who, decision, kycStatus), now);
        return new Decided(cases.find(caseId).orElseThrow(), kycStatus);
    }

    @Transactional(readOnly = true)
    AuditPage audit(Reviewer who, AuditFilter filter) {
        if (who.brandId() != null && filter.brandId() != null && !who.brandId().equals(filter.brandId())) {
            return new AuditPage(List.of(), filter.page(), filter.perPage(), false);
        }
        List<AuditEntry> found = audit.list(filter, who.brandId(), 0, filter.perPage() + 1,
                (int) Math.min(Integer.MAX_VALUE, (long) (filter.page() - 1) * filter.perPage()));
        return new AuditPage(found.stream().limit(filter.perPage()).toList(), filter.page(), filter.perPage(), found.size() > filter.perPage());
    }

    /**
     * Writes every matching line as CSV (paging ignored), after recording the export itself; returns
     * the number of lines. The record commits first, on its own: an export cut off half-way (the
     * examiner's connection drops) is still on the trail. The lines are then read in chunks, outside
     * a transaction, so a long export holds no transaction open while the client reads.
     */
    long exportAudit(Reviewer who, AuditFilter filter, Writer out, String clientAddress) {
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("filter", filterDetail(filter));
        transactions.executeWithoutResult(status -> audit.append(new AuditEntry(0, Ids.newId(), DbTime.now(clock), who.reviewerId(),
                who.username(), clientAddress, AuditEntry.AUDIT_EXPORTED, who.brandId(), null, null, what)));
        AuditCsv csv = new AuditCsv(out, json);
        csv.header();
        if (who.brandId() != null && filter.brandId() != null && !who.brandId().equals(filter.brandId())) {
            return 0;
        }
        long written = 0;
        long after = 0;
        while (true) {
            List<AuditEntry> chunk = audit.list(filter, who.brandId(), after, EXPORT_CHUNK, 0);
            chunk.forEach(csv::row);
            written += chunk.size();
            if (chunk.size() < EXPORT_CHUNK) {
                return written;
            }
            after = chunk.getLast().seq();
        }
    }

    private String apply(ReviewCase c, Decision d, WatchlistHits hitDecisions, Instant now) {
        Reason reason = Reason.of(d.reasonCode()); // the catalogue's: check "review" and the brand's sentence
        return switch (d.action()) {
            case APPROVE -> {
                dismissClearedCandidates(c, now);
                yield outcomes.pass(c.kycId(), reason).status();
            }
            case REJECT -> outcomes.fail(c.kycId(), reason).status();
            case REQUEST_DOCUMENTS -> outcomes.requestDocuments(c.kycId(), d.documents(), reason).status();
            case FALSE_POSITIVE -> {
                hitDecisions.dismiss(c.hitId(), now);
                yield null;
            }
            case CONFIRMED_MATCH -> {
                hitDecisions.confirm(c.hitId(), now);
                yield null;
            }
        };
    }

    /**
     * Approving a watchlist case (four eyes) clears its candidates: screening stores them as
     * dismissed for the customer, in this transaction, so that monitoring does not raise those
     * entries for them again. Only a watchlist case: another approval took one person, and must
     * not clear a sanctions candidate.
     */
    private void dismissClearedCandidates(ReviewCase c, Instant now) {
        if (!c.watchlist()) {
            return;
        }
        List<WatchlistHits.Cleared> cleared = Evidence.cleared(records.checkResults(c.kycId()));
        if (!cleared.isEmpty()) {
            watchlistHits().dismissCleared(c.brandId(), c.customerId(), cleared, now);
        }
    }

    private WatchlistHits watchlistHits() {
        WatchlistHits found = hits.getIfAvailable();
        if (found == null) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "watchlist_hits_unavailable",
                    "Monitoring decisions are not available yet: screening does not take them.", ApiException.SERVER_ERROR, null);
        }
        return found;
    }

    private Optional<AttemptRecords.Attempt> attemptOf(ReviewCase c) {
        return c.kycId() != null ? records.attempt(c.brandId(), c.kycId()) : records.latest(c.brandId(), c.customerId());
    }

    /** The case if the reviewer may see it; another brand's case does not exist for them. */
    private ReviewCase visible(Reviewer who, UUID caseId) {
        return cases.find(caseId).filter(c -> who.sees(c.brandId())).orElseThrow(() -> notFound(caseId));
    }

    /** The case locked for this transaction, refused unless it is still at {@code version}. */
    private ReviewCase lockedAt(Reviewer who, UUID caseId, int version) {
        ReviewCase c = cases.findForUpdate(caseId).filter(found -> who.sees(found.brandId())).orElseThrow(() -> notFound(caseId));
        if (c.version() != version) {
            throw changed(c.version(), version);
        }
        return c;
    }

    private ReviewCase reassign(Reviewer who, ReviewCase c, UUID assigneeId, String assigneeName, String action, String clientAddress) {
        if (c.closed()) {
            throw ApiException.conflict("case_closed", "This case is already closed.");
        }
        Instant now = DbTime.now(clock);
        requireChanged(cases.assign(c.caseId(), c.version(), assigneeId, assigneeName, now), c.caseId(), c.version());
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("assignee_id", assigneeId == null ? null : assigneeId.toString());
        what.put("assignee_name", assigneeName);
        what.put("previous_assignee_id", c.assigneeId() == null ? null : c.assigneeId().toString());
        what.put("version", c.version());
        record(who, clientAddress, action, c, what, now);
        return cases.find(c.caseId()).orElseThrow();
    }

    /** A conditional update that found nothing: the case changed between the lock and the write (it cannot, but never silently). */
    private void requireChanged(int rows, UUID caseId, int version) {
        if (rows != 1) {
            throw changed(cases.find(caseId).map(ReviewCase::version).orElse(-1), version);
        }
    }

    private List<CaseDetail.TimelineEntry> timeline(ReviewCase c, AttemptRecords.Attempt attempt, List<AttemptRecords.CheckRecord> checks) {
        List<CaseDetail.TimelineEntry> steps = new ArrayList<>();
        if (attempt != null) {
            steps.add(new CaseDetail.TimelineEntry(attempt.dateCreated(), "kyc_submitted", null, null));
            checks.stream().map(AttemptRecords.CheckRecord::at).distinct().forEach(at ->
                    steps.add(new CaseDetail.TimelineEntry(at, "kyc_evaluated", null, checks.stream().filter(r -> r.at().equals(at))
                            .map(r -> r.check() + ": " + r.outcome()).reduce((a, b) -> a + ", " + b).orElse(""))));
        }
        steps.add(new CaseDetail.TimelineEntry(c.openedAt(), "case_opened", null, String.join(", ", c.reasonCodes())));
        for (AuditEntry e : audit.list(AuditFilter.ofCase(c.caseId()), null, 0, AuditFilter.MAX_PER_PAGE, 0)) {
            if (!e.action().equals(AuditEntry.CASE_VIEWED) && !e.action().equals(AuditEntry.DOCUMENT_VIEWED)) {
                steps.add(new CaseDetail.TimelineEntry(e.occurredAt(), e.action(), e.reviewerName(), summary(e.detail())));
            }
        }
        if (c.outcome() != null && c.outcome().username() == null) {
            steps.add(new CaseDetail.TimelineEntry(c.outcome().at(), c.outcome().decision(), null, null));
        }
        steps.sort(Comparator.comparing(CaseDetail.TimelineEntry::at));
        return steps;
    }

    private static String summary(Map<String, Object> detail) {
        Object action = detail.get("action");
        Object reason = detail.get("reason_code");
        Object assignee = detail.get("assignee_name");
        if (action != null) {
            return action + (reason == null ? "" : " (" + reason + ")");
        }
        return assignee == null ? null : "to " + assignee;
    }

    private static Map<String, Object> decisionDetail(ReviewCase c, Reviewer who, Decision d, String kycStatus) {
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("action", d.action().wire());
        what.put("reason_code", d.reasonCode());
        what.put("note", d.note());
        if (!d.documents().isEmpty()) {
            what.put("documents", d.documents());
        }
        what.put("kind", c.kind().wire());
        what.put("kyc_id", c.kycId() == null ? null : c.kycId().toString());
        what.put("hit_id", c.hitId() == null ? null : c.hitId().toString());
        what.put("kyc_status", kycStatus);
        if (c.firstApproval() != null) {
            what.put("first_approval_by", c.firstApproval().username());
            what.put("first_approval_reviewer_id", c.firstApproval().reviewerId().toString());
        }
        if (DecisionRules.claimedByOther(c, who)) {
            // A supervisor decided over someone else's claim: the trail says whose.
            what.put("overrode_claim_of", c.assigneeName());
            what.put("overrode_claim_of_id", c.assigneeId().toString());
        }
        what.put("version", c.version());
        return what;
    }

    private static Map<String, Object> filterDetail(AuditFilter f) {
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("brand_id", f.brandId() == null ? null : f.brandId().toString());
        what.put("case_id", f.caseId() == null ? null : f.caseId().toString());
        what.put("reviewer_id", f.reviewerId() == null ? null : f.reviewerId().toString());
        what.put("action", f.action());
        what.put("from", f.from() == null ? null : f.from().toString());
        what.put("to", f.to() == null ? null : f.to().toString());
        return what;
    }

    private void record(Reviewer who, String clientAddress, String action, ReviewCase c, Map<String, Object> detail, Instant now) {
        audit.append(new AuditEntry(0, Ids.newId(), now, who.reviewerId(), who.username(), clientAddress, action, c.brandId(), c.caseId(),
                c.customerId(), detail));
    }

    private static ApiException notFound(UUID caseId) {
        return ApiException.notFound("case_dne", "Case " + caseId + " does not exist.");
    }

    private static ApiException changed(int current, int seen) {
        return new ApiException(HttpStatus.CONFLICT, "case_changed", "This case changed since you opened it (version " + seen
                + ", now " + current + "): reload it and decide again.", ApiException.REQUEST_ERROR, Map.of("current_version", current));
    }
}
