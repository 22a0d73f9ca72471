package org.openkyc.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openkyc.screening.WatchlistScreening;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * Live mode, where nothing but a reviewer can move an attempt out of {@code under_review}: the real
 * checks send it there, a case opens with the reasons, a person decides through the desk, and the
 * attempt's state and the brand's event (the outbox row its webhook is sent from) follow. On H2 and
 * PostgreSQL; the logs of all of it carry no SSN, DOB or name.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "openkyc.mode=live",
        "openkyc.crypto.data-keys=live1=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "openkyc.crypto.blind-index-key=AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="})
class ReviewLiveModeTest extends ApiTestBase {

    private static final String ADDRESS = "192.0.2.44";
    private static final Reviewer ANN = new Reviewer(UUID.randomUUID(), "ann", false, null);
    private static final Reviewer BOB = new Reviewer(UUID.randomUUID(), "bob", false, null);
    private static final Reviewer SUE = new Reviewer(UUID.randomUUID(), "sue", true, null);

    @Autowired
    WatchlistScreening screening;

    @Autowired
    ReviewDesk desk;

    @BeforeEach
    void listsInService() {
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> !screening.listsInService().isEmpty());
    }

    private Map<String, Object> person(String first, String last, String dob) {
        Map<String, Object> body = customerBody();
        body.remove("ssn");
        body.remove("phone");
        body.remove("email");
        body.put("first_name", first);
        body.put("last_name", last);
        body.put("dob", dob);
        return body;
    }

    private String submit(Brand brand, Map<String, Object> customer, String ssn, String email, String expected) {
        String customerId = createCustomer(brand, customer);
        Map<String, Object> kyc = new LinkedHashMap<>();
        kyc.put("program_id", brand.programId().toString());
        kyc.put("ssn", ssn);
        kyc.put("phone", "512-867-5309");
        kyc.put("phone_country_code", "1");
        kyc.put("email", email);
        Http.Response started = brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc", kyc);
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String status = awaitKycStatus(brand, customerId, "passed", "failed", "document_required", "under_review").get("kyc_status").stringValue();
        assertThat(status).isEqualTo(expected);
        return customerId;
    }

    private ReviewCase caseOf(String customerId) {
        UUID caseId = jdbc.sql("SELECT case_id FROM review_case WHERE customer_id = ?").param(UUID.fromString(customerId)).query(UUID.class).single();
        return desk.find(ANN, caseId);
    }

    private String kycStatus(Brand brand, String customerId) {
        return brand.api().get("/api/v0.1/customers/" + customerId + "/verification-kyc").json().get("kyc_status").stringValue();
    }

    private String outboxPayload(String customerId, String event) {
        return jdbc.sql("SELECT payload FROM outbox_event WHERE customer_id = ? AND event_type = ?").params(UUID.fromString(customerId), event)
                .query(String.class).single();
    }

    @Test
    void aPersonOnTheSdnListIsApprovedOnlyByASecondPersonASupervisorAndTheBrandHearsOfIt(CapturedOutput output) {
        Brand brand = newBrand();
        String customerId = submit(brand, person("Ayman", "Al-Zawahiri", "1951-06-19"), "402-34-5678", "ayman@example.com", "under_review");
        ReviewCase c = caseOf(customerId);
        assertThat(c.reasonCodes()).containsExactly("watchlist_potential_match");
        assertThat(c.kycId()).isNotNull();

        CaseDetail detail = desk.view(ANN, c.caseId(), ADDRESS);
        assertThat(detail.customer().maskedSsn()).isEqualTo("XXX-XX-5678");
        assertThat(detail.customer().lastName()).isEqualTo("Al-Zawahiri");
        assertThat(detail.candidates()).isNotEmpty();
        CaseDetail.Candidate best = detail.candidates().getFirst();
        assertThat(best.entryId()).isEqualTo("SDN-2676");
        assertThat(best.primaryName()).contains("ZAWAHIRI");
        assertThat(best.programs()).contains("SDGT");
        assertThat(best.datesOfBirth()).anySatisfy(d -> assertThat(d).contains("1951"));
        assertThat(best.score()).isPositive();
        assertThat(detail.checks()).extracting(r -> r.check()).contains("watchlist");
        assertThat(detail.fourEyes()).isTrue();
        assertThat(detail.noteRequiredToApprove()).isTrue();

        Decision clear = Decision.of(Decision.Action.APPROVE, "watchlist_false_positive", "Passport DOB 1990; the entry is born 1951.");
        assertThat(ReviewDeskTest.code(() -> desk.decide(ANN, c.caseId(), 0, Decision.of(Decision.Action.APPROVE, "watchlist_false_positive", null), ADDRESS)))
                .isEqualTo("review_note_required");
        ReviewDesk.Decided first = desk.decide(ANN, c.caseId(), 0, clear, ADDRESS);
        assertThat(first.awaitingSecondApproval()).isTrue();
        assertThat(kycStatus(brand, customerId)).as("one approval does not pass a watchlist match").isEqualTo("under_review");
        assertThat(kycEventTypes(customerId)).doesNotContain("kyc.verification.success");
        assertThat(ReviewDeskTest.code(() -> desk.decide(BOB, c.caseId(), 1, clear, ADDRESS))).isEqualTo("review_supervisor_required");
        Reviewer annAsSupervisor = new Reviewer(ANN.reviewerId(), "ann", true, null);
        assertThat(ReviewDeskTest.code(() -> desk.decide(annAsSupervisor, c.caseId(), 1, clear, ADDRESS))).isEqualTo("review_four_eyes");

        ReviewDesk.Decided done = desk.decide(SUE, c.caseId(), 1, clear, ADDRESS);
        assertThat(done.kycStatus()).isEqualTo("passed");
        assertThat(kycStatus(brand, customerId)).isEqualTo("passed");
        assertThat(kycEventTypes(customerId)).containsExactly("kyc.verification.submitted", "kyc.verification.under_review",
                "kyc.verification.success");
        assertThat(outboxPayload(customerId, "kyc.verification.success")).contains("\"kyc_status\":\"passed\"", c.kycId().toString());
        assertThat(desk.audit(SUE, AuditFilter.ofCase(c.caseId())).entries()).extracting(AuditEntry::action)
                .containsExactly("case_viewed", "first_approval", "decision");

        assertNoPersonalDataIn(output.getAll(), "402-34-5678", "402345678", "1951-06-19", "Al-Zawahiri", "ayman@example.com");
    }

    @Test
    void anSsnSharedWithAnotherCustomerShowsOnlyTheirIdAndARejectionFailsTheAttempt(CapturedOutput output) {
        Brand brand = newBrand();
        String holder = submit(brand, person("Jane", "Doe", "1990-04-12"), "401-23-4567", "jane@example.com", "passed");
        String other = submit(brand, person("Joan", "Roe", "1971-02-03"), "401-23-4567", "joan@example.com", "under_review");
        ReviewCase c = caseOf(other);
        assertThat(c.reasonCodes()).containsExactly("ssn_shared");

        CaseDetail detail = desk.view(BOB, c.caseId(), ADDRESS);
        assertThat(detail.duplicateCustomerIds()).containsExactly(UUID.fromString(holder));
        assertThat(detail.noteRequiredToApprove()).isTrue();
        assertThat(detail.fourEyes()).isFalse();
        assertThat(detail.checks()).filteredOn(r -> r.check().equals("duplicate_identity")).singleElement()
                .satisfies(r -> assertThat(r.evidence().toString()).doesNotContain("Jane", "1990-04-12"));

        assertThat(ReviewDeskTest.code(() -> desk.decide(BOB, c.caseId(), 0, Decision.of(Decision.Action.APPROVE, "ssn_shared_explained", null), ADDRESS)))
                .isEqualTo("review_note_required");
        ReviewDesk.Decided rejected = desk.decide(BOB, c.caseId(), 0,
                Decision.of(Decision.Action.REJECT, "synthetic_identity", "SSN belongs to an older customer of another name."), ADDRESS);
        assertThat(rejected.kycStatus()).isEqualTo("failed");
        assertThat(kycStatus(brand, other)).isEqualTo("failed");
        assertThat(kycEventTypes(other)).containsExactly("kyc.verification.submitted", "kyc.verification.under_review",
                "kyc.verification.failure");
        assertThat(outboxPayload(other, "kyc.verification.failure")).contains("\"kyc_status\":\"failed\"");
        Http.Response status = brand.api().get("/api/v0.1/customers/" + other + "/verification-kyc");
        assertThat(status.json().get("reasons").get(0).get("code").stringValue()).isEqualTo("synthetic_identity");
        assertThat(status.body()).as("the reviewer's note stays with the reviewers").doesNotContain("older customer");

        assertNoPersonalDataIn(output.getAll(), "401-23-4567", "401234567", "1971-02-03", "1990-04-12", "Joan", "joan@example.com");
    }

    private static void assertNoPersonalDataIn(String logs, String... values) {
        assertThat(logs).isNotBlank();
        for (String value : List.of(values)) {
            assertThat(logs).as("logs must not contain %s", value).doesNotContain(value);
        }
    }
}
