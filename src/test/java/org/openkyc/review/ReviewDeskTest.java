package org.openkyc.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.openkyc.api.ApiException;
import org.openkyc.kyc.AttemptRecords;
import org.openkyc.screening.WatchlistHits;
import org.openkyc.screening.WatchlistMatchRaised;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * The review desk against the running server and its database (H2, and PostgreSQL in the second
 * run), in sandbox mode: SSN 000-00-0000 sends an attempt to review. The customer's side goes over
 * HTTP; the reviewer's side calls the desk as the console and the API will.
 */
@Import(ReviewDeskTest.Hits.class)
class ReviewDeskTest extends ApiTestBase {

    static final byte[] PNG = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    private static final String REVIEW_SSN = "000-00-0000";
    private static final String ADDRESS = "203.0.113.7";

    static final Reviewer ANN = new Reviewer(UUID.randomUUID(), "ann", false, null);
    static final Reviewer BOB = new Reviewer(UUID.randomUUID(), "bob", false, null);
    static final Reviewer SUE = new Reviewer(UUID.randomUUID(), "sue", true, null);
    static final Reviewer TOM = new Reviewer(UUID.randomUUID(), "tom", true, null);

    /**
     * Screening's face for monitoring decisions, as a recording double: the real implementation is
     * another package's (issue 15), not in this branch yet.
     */
    static class RecordingHits implements WatchlistHits {
        final Map<UUID, Hit> hits = new ConcurrentHashMap<>();
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public Map<UUID, List<String>> confirmedEntries(java.util.Collection<UUID> customerIds) {
            return Map.of();
        }

        @Override
        public void dismiss(UUID hitId, Instant at) {
            calls.add("dismiss " + hitId);
        }

        @Override
        public void confirm(UUID hitId, Instant at) {
            calls.add("confirm " + hitId);
        }

        @Override
        public void dismissCleared(UUID brandId, UUID customerId, List<Cleared> candidates, Instant at) {
            candidates.forEach(c -> calls.add("dismiss cleared " + customerId + " " + c.entryId()));
        }

        @Override
        public Optional<Hit> find(UUID hitId) {
            return Optional.ofNullable(hits.get(hitId));
        }
    }

    @TestConfiguration
    static class Hits {
        @Bean
        @Primary
        RecordingHits recordingHits() {
            return new RecordingHits();
        }
    }

    @Autowired
    ReviewDesk desk;

    @Autowired
    RecordingHits hits;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    /** A customer of the brand whose attempt is under review, and the case it opened. */
    record Pending(String customerId, ReviewCase reviewCase) {
    }

    private Pending underReview(Brand brand) {
        String customerId = createCustomer(brand, customerBody());
        assertThat(startKyc(brand, customerId, REVIEW_SSN).status()).isEqualTo(201);
        awaitKycStatus(brand, customerId, "under_review");
        return new Pending(customerId, onlyCaseOf(customerId));
    }

    private ReviewCase onlyCaseOf(String customerId) {
        List<UUID> ids = jdbc.sql("SELECT case_id FROM review_case WHERE customer_id = ? ORDER BY opened_at").param(UUID.fromString(customerId))
                .query(UUID.class).list();
        assertThat(ids).hasSize(1);
        return desk.find(ANN, ids.getFirst());
    }

    private List<ReviewCase> casesOf(String customerId) {
        return jdbc.sql("SELECT case_id FROM review_case WHERE customer_id = ? ORDER BY opened_at").param(UUID.fromString(customerId))
                .query(UUID.class).list().stream().map(id -> desk.find(ANN, id)).toList();
    }

    private String kycStatus(Brand brand, String customerId) {
        return brand.api().get("/api/v0.1/customers/" + customerId + "/verification-kyc").json().get("kyc_status").stringValue();
    }

    private List<AuditEntry> auditOf(ReviewCase c) {
        return desk.audit(SUE, AuditFilter.ofCase(c.caseId())).entries();
    }

    /** The code of the refusal a call meets. */
    static String code(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.code();
        }
        throw new AssertionError("no refusal");
    }

    private QueueFilter ofBrand(Brand brand) {
        return new QueueFilter(brand.brandId(), null, null, null, null, null, null, null, false, 1, 50);
    }

    @Test
    void anAttemptEnteringReviewOpensACaseThatTheQueueShowsOldestFirst() {
        Brand brand = newBrand();
        Pending first = underReview(brand);
        Pending second = underReview(brand);
        ReviewCase c = first.reviewCase();
        assertThat(c.kind()).isEqualTo(ReviewCase.Kind.KYC);
        assertThat(c.status()).isEqualTo(ReviewCase.Status.OPEN);
        assertThat(c.reasonCodes()).containsExactly("sandbox_review");
        assertThat(c.version()).isZero();
        assertThat(c.kycId()).isEqualTo(UUID.fromString(brand.api().get("/api/v0.1/customers/" + first.customerId() + "/verification-kyc")
                .json().get("kyc_id").stringValue()));

        ReviewDesk.QueuePage queue = desk.queue(ANN, ofBrand(brand));
        assertThat(queue.items()).extracting(i -> i.reviewCase().caseId()).containsExactly(c.caseId(), second.reviewCase().caseId());
        assertThat(queue.items()).allSatisfy(i -> assertThat(i.waited().isNegative()).isFalse());
        assertThat(queue.more()).isFalse();

        QueueFilter onePerPage = new QueueFilter(brand.brandId(), null, null, null, null, null, null, null, false, 1, 1);
        assertThat(desk.queue(ANN, onePerPage).more()).isTrue();
        QueueFilter byReason = new QueueFilter(brand.brandId(), null, "sandbox_review", null, null, null, null, null, false, 1, 50);
        assertThat(desk.queue(ANN, byReason).items()).hasSize(2);
        QueueFilter otherReason = new QueueFilter(brand.brandId(), null, "ssn_shared", null, null, null, null, null, false, 1, 50);
        assertThat(desk.queue(ANN, otherReason).items()).isEmpty();
        QueueFilter olderThanADay = new QueueFilter(brand.brandId(), null, null, null, null, Duration.ofDays(1), null, null, false, 1, 50);
        assertThat(desk.queue(ANN, olderThanADay).items()).isEmpty();
        QueueFilter youngerThanADay = new QueueFilter(brand.brandId(), null, null, null, null, null, Duration.ofDays(1), null, false, 1, 50);
        assertThat(desk.queue(ANN, youngerThanADay).items()).hasSize(2);
        assertThatThrownBy(() -> new QueueFilter(null, null, "a%", null, null, null, null, null, false, 1, 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueueFilter(null, null, null, null, null, null, null, null, false, 0, 50)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void approvingPassesTheAttemptWithItsEventInTheOutboxAndAnAuditLine() {
        Brand brand = newBrand();
        Pending p = underReview(brand);
        ReviewDesk.Decided decided = desk.decide(ANN, p.reviewCase().caseId(), 0, Decision.of(Decision.Action.APPROVE, "identity_verified", null), ADDRESS);

        assertThat(decided.kycStatus()).isEqualTo("passed");
        assertThat(decided.reviewCase().status()).isEqualTo(ReviewCase.Status.CLOSED);
        assertThat(decided.reviewCase().outcome().decision()).isEqualTo("approve");
        assertThat(decided.reviewCase().outcome().username()).isEqualTo("ann");
        assertThat(kycStatus(brand, p.customerId())).isEqualTo("passed");
        assertThat(kycEventTypes(p.customerId())).containsExactly("kyc.verification.submitted", "kyc.verification.under_review",
                "kyc.verification.success");
        String payload = jdbc.sql("SELECT payload FROM outbox_event WHERE customer_id = ? AND event_type = 'kyc.verification.success'")
                .param(UUID.fromString(p.customerId())).query(String.class).single();
        assertThat(payload).contains("\"kyc_status\":\"passed\"", p.reviewCase().kycId().toString());
        JsonNode reasons = brand.api().get("/api/v0.1/customers/" + p.customerId() + "/verification-kyc").json().get("reasons");
        assertThat(reasons.get(0).get("code").stringValue()).isEqualTo("identity_verified");

        List<AuditEntry> audit = auditOf(p.reviewCase());
        assertThat(audit).extracting(AuditEntry::action).containsExactly("decision");
        AuditEntry line = audit.getFirst();
        assertThat(line.reviewerId()).isEqualTo(ANN.reviewerId());
        assertThat(line.reviewerName()).isEqualTo("ann");
        assertThat(line.clientAddress()).isEqualTo(ADDRESS);
        assertThat(line.brandId()).isEqualTo(brand.brandId());
        assertThat(line.customerId()).isEqualTo(UUID.fromString(p.customerId()));
        assertThat(line.detail()).containsEntry("action", "approve").containsEntry("reason_code", "identity_verified")
                .containsEntry("kyc_status", "passed").containsEntry("version", 0);

        assertThat(code(() -> desk.decide(BOB, p.reviewCase().caseId(), 1, Decision.of(Decision.Action.REJECT, "fraud_suspected", "late"), ADDRESS)))
                .isEqualTo("case_closed");
        assertThat(desk.queue(ANN, ofBrand(brand)).items()).isEmpty();
    }

    @Test
    void aRefusedDecisionChangesNothing() {
        Brand brand = newBrand();
        Pending p = underReview(brand);
        UUID caseId = p.reviewCase().caseId();
        long events = eventTypes(p.customerId()).size();

        assertThat(code(() -> desk.decide(ANN, caseId, 0, Decision.of(Decision.Action.REJECT, "fraud_suspected", " "), ADDRESS)))
                .isEqualTo("review_note_required");
        assertThat(code(() -> desk.decide(ANN, caseId, 0, Decision.of(Decision.Action.FALSE_POSITIVE, "watchlist_false_positive", "x"), ADDRESS)))
                .isEqualTo("review_decision_invalid");
        assertThat(code(() -> desk.decide(ANN, caseId, 0, new Decision(Decision.Action.REQUEST_DOCUMENTS, "documents_needed", null,
                List.of("library_card")), ADDRESS))).isEqualTo("review_decision_invalid");
        assertThat(code(() -> desk.decide(ANN, UUID.randomUUID(), 0, Decision.of(Decision.Action.APPROVE, "identity_verified", null), ADDRESS)))
                .isEqualTo("case_dne");

        assertThat(desk.find(ANN, caseId)).isEqualTo(p.reviewCase());
        assertThat(kycStatus(brand, p.customerId())).isEqualTo("under_review");
        assertThat(eventTypes(p.customerId())).hasSize((int) events);
        assertThat(auditOf(p.reviewCase())).isEmpty();

        ReviewDesk.Decided rejected = desk.decide(ANN, caseId, 0, Decision.of(Decision.Action.REJECT, "fraud_suspected", "Selfie does not match."), ADDRESS);
        assertThat(rejected.kycStatus()).isEqualTo("failed");
        assertThat(kycEventTypes(p.customerId())).endsWith("kyc.verification.failure");
        assertThat(auditOf(p.reviewCase()).getFirst().detail()).containsEntry("note", "Selfie does not match.");
    }

    @Test
    void requestedDocumentsComeBackAsANewCaseWhoseImagesAReviewerCanOpen() {
        Brand brand = newBrand();
        Pending p = underReview(brand);
        ReviewDesk.Decided decided = desk.decide(ANN, p.reviewCase().caseId(), 0,
                new Decision(Decision.Action.REQUEST_DOCUMENTS, "identity_unclear", null, List.of("government_id")), ADDRESS);
        assertThat(decided.kycStatus()).isEqualTo("document_required");
        assertThat(kycEventTypes(p.customerId())).endsWith("kyc.verification.document_required");
        String payload = jdbc.sql("SELECT payload FROM outbox_event WHERE customer_id = ? AND event_type = 'kyc.verification.document_required'")
                .param(UUID.fromString(p.customerId())).query(String.class).single();
        assertThat(payload).contains("\"document_type\":\"government_id\"", "\"status\":\"required\"");

        Http.Response upload = brand.api().post("/api/v0.1/customers/" + p.customerId() + "/verification-kyc/documents", Map.of(
                "government_id", Map.of("type", "drivers_license", "front_image", Map.of("file_name", "front.png",
                        "image", Base64.getEncoder().encodeToString(PNG)))));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
        assertThat(kycStatus(brand, p.customerId())).isEqualTo("under_review");

        List<ReviewCase> cases = casesOf(p.customerId());
        assertThat(cases).hasSize(2);
        ReviewCase again = cases.get(1);
        assertThat(again.status()).isEqualTo(ReviewCase.Status.OPEN);
        // The case it came back from still counts: its reasons come first (what made it a watchlist or
        // duplicate-identity case must not be lost by a request for documents; four eyes stay).
        assertThat(again.reasonCodes()).containsExactly("sandbox_review", "documents_submitted");
        assertThat(again.kycId()).isEqualTo(p.reviewCase().kycId());

        CaseDetail detail = desk.view(BOB, again.caseId(), ADDRESS);
        assertThat(detail.documents()).singleElement().satisfies(d -> {
            assertThat(d.documentType()).isEqualTo("government_id");
            assertThat(d.subtype()).isEqualTo("drivers_license");
            assertThat(d.side()).isEqualTo("front");
            assertThat(d.contentType()).isEqualTo("image/png");
        });
        AttemptRecords.Image image = desk.document(BOB, again.caseId(), detail.documents().getFirst().fileId(), ADDRESS);
        assertThat(image.content()).isEqualTo(PNG);
        assertThat(code(() -> desk.document(BOB, again.caseId(), UUID.randomUUID(), ADDRESS))).isEqualTo("document_dne");
        assertThat(auditOf(again)).extracting(AuditEntry::action).containsExactly("case_viewed", "document_viewed");
        assertThat(auditOf(again).get(1).detail()).containsEntry("document_type", "government_id").containsEntry("side", "front");
        assertThat(detail.timeline()).extracting(CaseDetail.TimelineEntry::what).contains("kyc_submitted", "case_opened");
    }

    @Test
    void theCasePageShowsTheCustomerWithTheSsnMaskedAndTheViewIsAudited() {
        Brand brand = newBrand();
        Pending p = underReview(brand);
        CaseDetail detail = desk.view(ANN, p.reviewCase().caseId(), ADDRESS);
        assertThat(detail.customer().maskedSsn()).isEqualTo("XXX-XX-0000");
        assertThat(detail.customer().firstName()).isEqualTo("Jane");
        assertThat(detail.customer().dob()).hasToString("1990-04-12");
        assertThat(detail.customer().addresses()).singleElement().satisfies(a -> assertThat(a.city()).isEqualTo("Austin"));
        assertThat(detail.customer().email()).isEqualTo("jane@example.com");
        assertThat(detail.attempt().status()).isEqualTo("under_review");
        assertThat(detail.actions()).containsExactly(Decision.Action.APPROVE, Decision.Action.REJECT, Decision.Action.REQUEST_DOCUMENTS);
        assertThat(detail.fourEyes()).isFalse();
        assertThat(detail.noteRequiredToApprove()).isFalse();
        assertThat(detail.timeline()).extracting(CaseDetail.TimelineEntry::what).containsExactly("kyc_submitted", "case_opened");

        List<AuditEntry> audit = auditOf(p.reviewCase());
        assertThat(audit).extracting(AuditEntry::action).containsExactly("case_viewed");
        assertThat(audit.getFirst().clientAddress()).isEqualTo(ADDRESS);
        assertThat(audit.getFirst().reviewerName()).isEqualTo("ann");
    }

    @Test
    void claimsAreExclusiveAndAStaleVersionIsRefusedWithTheCurrentOne() {
        Brand brand = newBrand();
        UUID caseId = underReview(brand).reviewCase().caseId();

        ReviewCase claimed = desk.claim(ANN, caseId, 0, ADDRESS);
        assertThat(claimed.assigneeId()).isEqualTo(ANN.reviewerId());
        assertThat(claimed.assigneeName()).isEqualTo("ann");
        assertThat(claimed.version()).isEqualTo(1);
        assertThat(desk.claim(ANN, caseId, 1, ADDRESS).version()).as("claiming one's own case again changes nothing").isEqualTo(1);
        assertThat(code(() -> desk.claim(BOB, caseId, 1, ADDRESS))).isEqualTo("case_claimed");

        ApiException stale = (ApiException) org.assertj.core.api.Assertions.catchThrowable(() ->
                desk.decide(BOB, caseId, 0, Decision.of(Decision.Action.APPROVE, "identity_verified", null), ADDRESS));
        assertThat(stale.code()).isEqualTo("case_changed");
        assertThat(stale.status().value()).isEqualTo(409);
        assertThat(stale.envelope().toString()).contains("reload it and decide again");
        assertThat(stale.envelope().extra()).containsEntry("current_version", 1);

        QueueFilter annsCases = new QueueFilter(brand.brandId(), null, null, null, null, null, null, ANN.reviewerId(), false, 1, 50);
        assertThat(desk.queue(SUE, annsCases).items()).hasSize(1);
        QueueFilter unassigned = new QueueFilter(brand.brandId(), null, null, null, null, null, null, null, true, 1, 50);
        assertThat(desk.queue(SUE, unassigned).items()).isEmpty();

        assertThat(code(() -> desk.assign(ANN, caseId, 1, BOB.reviewerId(), "bob", ADDRESS))).isEqualTo("review_supervisor_required");
        ReviewCase assigned = desk.assign(SUE, caseId, 1, BOB.reviewerId(), "bob", ADDRESS);
        assertThat(assigned.assigneeName()).isEqualTo("bob");
        assertThat(code(() -> desk.release(ANN, caseId, 2, ADDRESS))).isEqualTo("case_claimed");
        ReviewCase released = desk.release(BOB, caseId, 2, ADDRESS);
        assertThat(released.assigneeId()).isNull();
        assertThat(released.version()).isEqualTo(3);
        assertThat(desk.queue(SUE, unassigned).items()).hasSize(1);

        assertThat(auditOf(released)).extracting(AuditEntry::action).containsExactly("case_claimed", "case_assigned", "case_released");
        assertThat(desk.view(ANN, caseId, ADDRESS).timeline()).extracting(CaseDetail.TimelineEntry::what)
                .containsSubsequence("case_opened", "case_claimed", "case_assigned", "case_released");
    }

    @Test
    void nextIsTheReviewersOwnOldestCaseThenTheOldestUnassignedOne() {
        Brand brand = newBrand();
        Reviewer nia = new Reviewer(UUID.randomUUID(), "nia", false, brand.brandId());
        assertThat(desk.next(nia)).isEmpty();
        UUID older = underReview(brand).reviewCase().caseId();
        UUID newer = underReview(brand).reviewCase().caseId();
        assertThat(desk.next(nia).orElseThrow().reviewCase().caseId()).isEqualTo(older);
        desk.claim(nia, newer, 0, ADDRESS);
        assertThat(desk.next(nia).orElseThrow().reviewCase().caseId()).as("one's own case first").isEqualTo(newer);
        desk.claim(ANN, older, 0, ADDRESS);
        desk.release(nia, newer, 1, ADDRESS);
        assertThat(desk.next(nia).orElseThrow().reviewCase().caseId()).as("another's case is not offered").isEqualTo(newer);
    }

    @Test
    void aBrandScopedReviewerSeesOnlyTheirBrandsCases() {
        Brand mine = newBrand();
        Brand theirs = newBrand();
        Reviewer scoped = new Reviewer(UUID.randomUUID(), "scoped", false, mine.brandId());
        ReviewCase own = underReview(mine).reviewCase();
        ReviewCase other = underReview(theirs).reviewCase();

        assertThat(desk.queue(scoped, QueueFilter.all()).items()).extracting(i -> i.reviewCase().brandId()).containsOnly(mine.brandId());
        assertThat(desk.queue(scoped, ofBrand(theirs)).items()).isEmpty();
        assertThat(code(() -> desk.find(scoped, other.caseId()))).isEqualTo("case_dne");
        assertThat(code(() -> desk.view(scoped, other.caseId(), ADDRESS))).isEqualTo("case_dne");
        assertThat(code(() -> desk.claim(scoped, other.caseId(), 0, ADDRESS))).isEqualTo("case_dne");
        assertThat(code(() -> desk.decide(scoped, other.caseId(), 0, Decision.of(Decision.Action.APPROVE, "identity_verified", null), ADDRESS)))
                .isEqualTo("case_dne");
        assertThat(desk.find(ANN, other.caseId()).status()).isEqualTo(ReviewCase.Status.OPEN);

        desk.view(scoped, own.caseId(), ADDRESS);
        desk.view(ANN, other.caseId(), ADDRESS);
        assertThat(desk.audit(scoped, AuditFilter.all()).entries()).isNotEmpty().extracting(AuditEntry::brandId).containsOnly(mine.brandId());
        StringWriter csv = new StringWriter();
        desk.exportAudit(scoped, AuditFilter.all(), csv, ADDRESS);
        assertThat(csv.toString()).contains(own.caseId().toString()).doesNotContain(other.caseId().toString());
    }

    /** Two reviewers press "decide" on one case at the same moment: one decision stands, the other is refused. */
    @Test
    void twoReviewersDecidingOneCaseAtOnceNeverBothDecide() throws Exception {
        Brand brand = newBrand();
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pending.add(underReview(brand));
        }
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (Pending p : pending) {
                CountDownLatch start = new CountDownLatch(1);
                UUID caseId = p.reviewCase().caseId();
                Future<String> approve = threads.submit(() -> {
                    start.await();
                    return code(() -> desk.decide(ANN, caseId, 0, Decision.of(Decision.Action.APPROVE, "identity_verified", null), ADDRESS), "passed");
                });
                Future<String> reject = threads.submit(() -> {
                    start.await();
                    return code(() -> desk.decide(BOB, caseId, 0, Decision.of(Decision.Action.REJECT, "fraud_suspected", "no"), ADDRESS), "failed");
                });
                start.countDown();
                List<String> results = List.of(approve.get(), reject.get());
                assertThat(results).as(results.toString()).containsOnlyOnce("case_changed");
                String winner = results.stream().filter(r -> !r.equals("case_changed")).findFirst().orElseThrow();
                assertThat(kycStatus(brand, p.customerId())).isEqualTo(winner);
                assertThat(kycEventTypes(p.customerId())).containsExactly("kyc.verification.submitted", "kyc.verification.under_review",
                        winner.equals("passed") ? "kyc.verification.success" : "kyc.verification.failure");
                assertThat(auditOf(p.reviewCase())).extracting(AuditEntry::action).containsExactly("decision");
            }
        }
    }

    @Test
    void twoReviewersClaimingOneCaseAtOnceLeaveItWithOne() throws Exception {
        Brand brand = newBrand();
        UUID caseId = underReview(brand).reviewCase().caseId();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<String> ann = threads.submit(() -> {
                start.await();
                return code(() -> desk.claim(ANN, caseId, 0, ADDRESS), "ann");
            });
            Future<String> bob = threads.submit(() -> {
                start.await();
                return code(() -> desk.claim(BOB, caseId, 0, ADDRESS), "bob");
            });
            start.countDown();
            List<String> results = List.of(ann.get(), bob.get());
            assertThat(results).as(results.toString()).containsOnlyOnce("case_changed");
            String holder = results.stream().filter(r -> !r.equals("case_changed")).findFirst().orElseThrow();
            ReviewCase claimed = desk.find(SUE, caseId);
            assertThat(claimed.assigneeName()).isEqualTo(holder);
            assertThat(claimed.version()).isEqualTo(1);
            assertThat(auditOf(claimed)).extracting(AuditEntry::action).containsExactly("case_claimed");
        }
    }

    private static String code(Runnable call, String success) {
        try {
            call.run();
            return success;
        } catch (ApiException e) {
            return e.code();
        }
    }

    @Test
    void theSandboxSimulationClosesTheOpenCase() {
        Brand brand = newBrand();
        Pending p = underReview(brand);
        Http.Response pass = brand.api().post("/api/v0.1/simulate/kyc-pass", Map.of("customer_id", p.customerId(), "program_id", brand.programId().toString()));
        assertThat(pass.status()).as(pass.toString()).isEqualTo(200);
        ReviewCase closed = desk.find(ANN, p.reviewCase().caseId());
        assertThat(closed.status()).isEqualTo(ReviewCase.Status.CLOSED);
        assertThat(closed.outcome().decision()).isEqualTo("closed_elsewhere");
        assertThat(closed.outcome().username()).isNull();
        assertThat(desk.queue(ANN, ofBrand(brand)).items()).isEmpty();
        assertThat(code(() -> desk.decide(ANN, closed.caseId(), closed.version(), Decision.of(Decision.Action.APPROVE, "identity_verified", null), ADDRESS)))
                .isEqualTo("case_closed");
    }

    /** A passed customer and a monitoring hit on them, raised the way screening raises it: in a transaction. */
    private ReviewCase monitoringCase(Brand brand, String customerId) {
        UUID hitId = UUID.randomUUID();
        hits.hits.put(hitId, new WatchlistHits.Hit(hitId, brand.brandId(), UUID.fromString(customerId), "SDN", "SDN-2676", "AL-ZAWAHIRI, Ayman",
                "AL ZAWAHIRI, Aiman", "individual", List.of("SDGT"), List.of("19 Jun 1951"), 0.93, "name close, DOB agrees", "open"));
        transactions.executeWithoutResult(s -> events.publishEvent(new WatchlistMatchRaised(hitId, brand.brandId(), UUID.fromString(customerId),
                "SDN", "SDN-2676", 0.93)));
        return casesOf(customerId).getLast();
    }

    private String passedCustomer(Brand brand) {
        String customerId = createCustomer(brand, customerBody());
        assertThat(startKyc(brand, customerId, "401-23-4567").status()).isEqualTo(201);
        awaitKycStatus(brand, customerId, "passed");
        return customerId;
    }

    @Test
    void aMonitoringHitIsClearedAsAFalsePositiveOnlyWithASupervisorsSecondApproval() {
        Brand brand = newBrand();
        String customerId = passedCustomer(brand);
        ReviewCase c = monitoringCase(brand, customerId);
        assertThat(c.kind()).isEqualTo(ReviewCase.Kind.MONITORING);
        assertThat(c.reasonCodes()).containsExactly("watchlist_match");
        assertThat(c.reasons().getFirst().message()).contains("SDN-2676").doesNotContain("ZAWAHIRI");

        CaseDetail detail = desk.view(ANN, c.caseId(), ADDRESS);
        assertThat(detail.hit().matchedName()).isEqualTo("AL ZAWAHIRI, Aiman");
        assertThat(detail.fourEyes()).isTrue();
        assertThat(detail.actions()).containsExactly(Decision.Action.FALSE_POSITIVE, Decision.Action.CONFIRMED_MATCH);
        assertThat(detail.attempt().status()).as("the attempt the customer passed with").isEqualTo("passed");

        Decision dismiss = Decision.of(Decision.Action.FALSE_POSITIVE, "watchlist_false_positive", "Born 1990, not 1951.");
        ReviewDesk.Decided first = desk.decide(ANN, c.caseId(), 0, dismiss, ADDRESS);
        assertThat(first.awaitingSecondApproval()).isTrue();
        assertThat(first.reviewCase().firstApproval().username()).isEqualTo("ann");
        assertThat(hits.calls).doesNotContain("dismiss " + c.hitId());
        assertThat(code(() -> desk.decide(BOB, c.caseId(), 1, dismiss, ADDRESS))).isEqualTo("review_supervisor_required");
        assertThat(desk.queue(SUE, new QueueFilter(brand.brandId(), null, null, null, ReviewCase.Status.PENDING_APPROVAL, null, null, null, false, 1, 50))
                .items()).extracting(i -> i.reviewCase().caseId()).containsExactly(c.caseId());
        assertThat(desk.next(SUE).map(i -> i.reviewCase().caseId())).isPresent();

        ReviewDesk.Decided done = desk.decide(SUE, c.caseId(), 1, dismiss, ADDRESS);
        assertThat(done.reviewCase().status()).isEqualTo(ReviewCase.Status.CLOSED);
        assertThat(done.reviewCase().outcome().username()).isEqualTo("sue");
        assertThat(hits.calls).containsOnlyOnce("dismiss " + c.hitId());
        assertThat(kycStatus(brand, customerId)).isEqualTo("passed");
        assertThat(auditOf(c)).extracting(AuditEntry::action).containsExactly("case_viewed", "first_approval", "decision");
        assertThat(auditOf(c).getLast().detail()).containsEntry("first_approval_by", "ann");
    }

    @Test
    void aConfirmedMonitoringMatchGoesToScreeningWithoutASecondPerson() {
        Brand brand = newBrand();
        String customerId = passedCustomer(brand);
        ReviewCase c = monitoringCase(brand, customerId);
        assertThat(code(() -> desk.decide(ANN, c.caseId(), 0, Decision.of(Decision.Action.CONFIRMED_MATCH, "watchlist_confirmed", null), ADDRESS)))
                .isEqualTo("review_note_required");
        ReviewDesk.Decided decided = desk.decide(ANN, c.caseId(), 0,
                Decision.of(Decision.Action.CONFIRMED_MATCH, "watchlist_confirmed", "Same DOB and passport."), ADDRESS);
        assertThat(decided.reviewCase().status()).isEqualTo(ReviewCase.Status.CLOSED);
        assertThat(decided.kycStatus()).isNull();
        assertThat(hits.calls).containsOnlyOnce("confirm " + c.hitId());
        assertThat(auditOf(c).getLast().detail()).containsEntry("action", "confirmed_match").containsEntry("hit_id", c.hitId().toString());
    }

    @Test
    void theAuditTrailIsListedInOrderPagedFilteredAndExportedAsCsv() {
        Brand brand = newBrand();
        ReviewCase c = underReview(brand).reviewCase();
        desk.view(ANN, c.caseId(), ADDRESS);
        desk.claim(ANN, c.caseId(), 0, "198.51.100.2");
        desk.decide(ANN, c.caseId(), 1, Decision.of(Decision.Action.REJECT, "documents_invalid", "=HYPERLINK(\"x\"), edited"), ADDRESS);

        assertThat(desk.audit(SUE, AuditFilter.ofCase(c.caseId())).entries()).extracting(AuditEntry::action)
                .containsExactly("case_viewed", "case_claimed", "decision");
        AuditFilter firstPage = new AuditFilter(brand.brandId(), null, null, null, null, null, 1, 2);
        ReviewDesk.AuditPage page = desk.audit(SUE, firstPage);
        assertThat(page.entries()).hasSize(2);
        assertThat(page.more()).isTrue();
        ReviewDesk.AuditPage second = desk.audit(SUE, new AuditFilter(brand.brandId(), null, null, null, null, null, 2, 2));
        assertThat(second.entries()).extracting(AuditEntry::action).containsExactly("decision");
        assertThat(second.more()).isFalse();
        assertThat(desk.audit(SUE, new AuditFilter(brand.brandId(), null, null, "case_claimed", null, null, 1, 10)).entries())
                .singleElement().satisfies(e -> assertThat(e.clientAddress()).isEqualTo("198.51.100.2"));
        assertThat(desk.audit(SUE, new AuditFilter(brand.brandId(), null, BOB.reviewerId(), null, null, null, 1, 10)).entries()).isEmpty();
        Instant later = Instant.now().plus(Duration.ofDays(1));
        assertThat(desk.audit(SUE, new AuditFilter(brand.brandId(), null, null, null, later, null, 1, 10)).entries()).isEmpty();

        Reviewer examiner = new Reviewer(UUID.randomUUID(), "examiner", true, null);
        StringWriter out = new StringWriter();
        long lines = desk.exportAudit(examiner, AuditFilter.ofCase(c.caseId()), out, ADDRESS);
        assertThat(lines).isEqualTo(3);
        String[] csv = out.toString().split("\r\n");
        assertThat(csv).hasSize(4);
        assertThat(csv[0]).startsWith("seq,audit_id,occurred_at,reviewer_id,reviewer_name,client_address,action");
        assertThat(csv[3]).contains(",ann,", ",decision,", c.caseId().toString(), "\"\"note\"\":\"\"=HYPERLINK(\\\"\"x\\\"\"), edited\"\"");
        assertThat(desk.audit(SUE, new AuditFilter(null, null, examiner.reviewerId(), "audit_exported", null, null, 1, 10)).entries()).hasSize(1);

        Writer cutOff = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("the examiner's connection dropped");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> desk.exportAudit(examiner, AuditFilter.all(), cutOff, ADDRESS)).isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(desk.audit(SUE, new AuditFilter(null, null, examiner.reviewerId(), "audit_exported", null, null, 1, 10)).entries())
                .as("an export cut off is on the trail too").hasSize(2);
    }

    @Test
    void theAuditTrailHasNoUpdateOrDeleteInTheCodeAndPostgresRefusesBoth() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file).replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
                assertThat(source).as(file.toString()).doesNotContain("update review_audit").doesNotContain("delete from review_audit");
            }
        }
        Brand brand = newBrand();
        ReviewCase c = underReview(brand).reviewCase();
        desk.view(ANN, c.caseId(), ADDRESS);
        assumeThat(TestDatabase.postgres()).as("the trigger is PostgreSQL's").isTrue();
        assertThatThrownBy(() -> jdbc.sql("UPDATE review_audit SET reviewer_name = 'mallory' WHERE case_id = ?").param(c.caseId()).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM review_audit WHERE case_id = ?").param(c.caseId()).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE review_audit").update()).rootCause().hasMessageContaining("append-only");
        assertThat(auditOf(c)).singleElement().satisfies(e -> assertThat(e.reviewerName()).isEqualTo("ann"));
    }
}
