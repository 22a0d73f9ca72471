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
import org.openkyc.screening.WatchlistScreening;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Every route of the review API (/api/v0.1/review) on a live-mode server, on H2 and PostgreSQL:
 * the queue, one case with its evidence, claims, decisions (optimistic locking, notes, the KYC
 * state and event), the audit trail and its CSV, and that a brand-scoped reviewer never sees
 * another brand's cases.
 */
@TestPropertySource(properties = {
        "openkyc.mode=live",
        "openkyc.crypto.data-keys=live1=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "openkyc.crypto.blind-index-key=AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="})
class ReviewApiTest extends ApiTestBase {

    static final String SSN = "401-23-4567";

    @Autowired
    WatchlistScreening screening;

    @BeforeEach
    void listsInService() {
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> !screening.listsInService().isEmpty());
    }

    /** A live attempt in under_review: a second customer of the brand with the first one's SSN under another name. */
    static String sharedSsnCase(ApiTestBase test, Brand brand, String ssn) {
        Map<String, Object> first = customerBody();
        first.remove("ssn");
        String firstId = test.createCustomerFor(brand, first);
        test.startAndAwait(brand, firstId, ssn, "passed");
        Map<String, Object> second = customerBody();
        second.remove("ssn");
        second.put("first_name", "Joan");
        second.put("dob", "1971-02-03");
        String secondId = test.createCustomerFor(brand, second);
        test.startAndAwait(brand, secondId, ssn, "under_review");
        return secondId;
    }

    /** A reviewer account, its id and name, and a client that calls with its token. */
    record Account(String id, String username, Http api) {
    }

    private Account account(String role, UUID brand) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", "r-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("role", role);
        if (brand != null) {
            body.put("brand_id", brand.toString());
        }
        JsonNode created = admin().post("/admin/reviewers", body).json();
        String id = created.get("reviewer_id").stringValue();
        String token = admin().post("/admin/reviewers/" + id + "/tokens", Map.of()).json().get("token").stringValue();
        return new Account(id, created.get("username").stringValue(), anonymous().with("Authorization", "Bearer " + token));
    }

    private Http reviewer(String role, UUID brand) {
        return account(role, brand).api();
    }

    private JsonNode caseOf(Http api, String customerId) {
        JsonNode cases = api.get("/api/v0.1/review/cases?per_page=100").json().get("cases");
        for (JsonNode c : cases) {
            if (c.get("customer_id").stringValue().equals(customerId)) {
                return c;
            }
        }
        throw new AssertionError("no open case for " + customerId + " in " + cases);
    }

    private static Map<String, Object> decision(int version, String action, String reason, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("action", action);
        body.put("reason_code", reason);
        if (note != null) {
            body.put("note", note);
        }
        return body;
    }

    @Test
    void aReviewerListsViewsClaimsAndDecidesACaseAndTheBrandSeesTheOutcome() {
        Brand brand = newBrand();
        String customerId = sharedSsnCase(this, brand, SSN);
        Http api = reviewer("reviewer", null);

        JsonNode listed = caseOf(api, customerId);
        assertThat(listed.get("kind").stringValue()).isEqualTo("kyc");
        assertThat(listed.get("reason_codes").toString()).contains("ssn_shared");
        assertThat(listed.get("waited_seconds").asLong()).isGreaterThanOrEqualTo(0);
        String caseId = listed.get("case_id").stringValue();

        Http.Response viewed = api.get("/api/v0.1/review/cases/" + caseId);
        assertThat(viewed.status()).as(viewed.toString()).isEqualTo(200);
        JsonNode detail = viewed.json();
        assertThat(detail.get("customer").get("ssn").stringValue()).isEqualTo("XXX-XX-4567");
        assertThat(detail.get("customer").get("first_name").stringValue()).isEqualTo("Joan");
        assertThat(detail.get("duplicate_customer_ids").size()).isEqualTo(1);
        assertThat(detail.get("checks").size()).isGreaterThan(0);
        assertThat(detail.get("timeline").toString()).contains("case_opened");
        assertThat(viewed.body()).doesNotContain("401-23-4567").doesNotContain("401234567");

        int version = detail.get("version").asInt();
        Http.Response claimed = api.post("/api/v0.1/review/cases/" + caseId + "/claim", Map.of("version", version));
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
        assertThat(claimed.json().get("assignee_name").stringValue()).isNotBlank();
        int claimedVersion = claimed.json().get("version").asInt();
        assertThat(claimedVersion).isGreaterThan(version);

        // A stale version, a missing note where one is required, a reason code of another action: refused, nothing changes.
        Http.Response stale = api.post("/api/v0.1/review/cases/" + caseId + "/decision", decision(version, "approve", "ssn_shared_explained", "twins"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("Code").stringValue()).isEqualTo("case_changed");
        Http.Response noNote = api.post("/api/v0.1/review/cases/" + caseId + "/decision", decision(claimedVersion, "approve", "ssn_shared_explained", null));
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.json().get("Code").stringValue()).isEqualTo("review_note_required");
        Http.Response wrongReason = api.post("/api/v0.1/review/cases/" + caseId + "/decision", decision(claimedVersion, "approve", "fraud_suspected", "x"));
        assertThat(wrongReason.status()).isEqualTo(400);
        Http.Response badBody = api.post("/api/v0.1/review/cases/" + caseId + "/decision", Map.of("version", "seven", "action", "approve"));
        assertThat(badBody.status()).isEqualTo(400);
        assertThat(badBody.json().get("Code").stringValue()).isEqualTo("review_decision_schema");
        assertThat(badBody.header("X-Request-Id")).isNotBlank();
        assertThat(awaitKycStatus(brand, customerId, "under_review").get("kyc_status").stringValue()).isEqualTo("under_review");

        Http.Response decided = api.post("/api/v0.1/review/cases/" + caseId + "/decision",
                decision(claimedVersion, "approve", "ssn_shared_explained", "Twins; the brand confirmed by phone."));
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(decided.json().get("kyc_status").stringValue()).isEqualTo("passed");
        assertThat(decided.json().get("status").stringValue()).isEqualTo("closed");
        assertThat(awaitKycStatus(brand, customerId, "passed").get("kyc_status").stringValue()).isEqualTo("passed");
        assertThat(kycEventTypes(customerId)).endsWith("kyc.verification.success");

        Http.Response again = api.post("/api/v0.1/review/cases/" + caseId + "/decision",
                decision(decided.json().get("version").asInt(), "reject", "fraud_suspected", "changed my mind"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("Code").stringValue()).isEqualTo("case_closed");

        JsonNode audit = api.get("/api/v0.1/review/audit?case_id=" + caseId).json().get("entries");
        assertThat(audit.findValuesAsString("action")).contains("case_viewed", "case_claimed", "decision");
        assertThat(audit.get(0).get("client_address").stringValue()).isNotBlank();
        Http.Response csv = api.get("/api/v0.1/review/audit/export?case_id=" + caseId);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst().orElse("")).startsWith("seq,audit_id,occurred_at");
        assertThat(csv.body()).contains("decision").contains("Twins; the brand confirmed by phone.");
        assertThat(api.get("/api/v0.1/review/audit?action=audit_exported").json().get("entries").size()).isGreaterThan(0);
    }

    @Test
    void aBrandScopedReviewerNeverSeesAnotherBrandsCases() {
        Brand mine = newBrand();
        Brand theirs = newBrand();
        String myCustomer = sharedSsnCase(this, mine, "402-34-5678");
        String theirCustomer = sharedSsnCase(this, theirs, "403-45-6789");
        Http scoped = reviewer("supervisor", mine.brandId());
        Http everyBrand = reviewer("reviewer", null);
        String theirCase = caseOf(everyBrand, theirCustomer).get("case_id").stringValue();

        JsonNode listed = scoped.get("/api/v0.1/review/cases?per_page=100").json().get("cases");
        assertThat(listed.findValuesAsString("brand_id")).containsOnly(mine.brandId().toString());
        assertThat(listed.findValuesAsString("customer_id")).contains(myCustomer).doesNotContain(theirCustomer);
        assertThat(scoped.get("/api/v0.1/review/cases?brand_id=" + theirs.brandId()).json().get("cases").size()).isZero();
        // One customer's cases: theirs through a reviewer of every brand, never through the scoped one.
        assertThat(everyBrand.get("/api/v0.1/review/cases?customer_id=" + theirCustomer).json().get("cases").findValuesAsString("customer_id"))
                .containsOnly(theirCustomer).isNotEmpty();
        assertThat(scoped.get("/api/v0.1/review/cases?customer_id=" + theirCustomer).json().get("cases").size()).isZero();
        assertThat(scoped.get("/api/v0.1/review/cases?customer_id=nope").status()).isEqualTo(400);

        Http.Response view = scoped.get("/api/v0.1/review/cases/" + theirCase);
        assertThat(view.status()).isEqualTo(404);
        assertThat(view.json().get("Code").stringValue()).isEqualTo("case_dne");
        Http.Response decide = scoped.post("/api/v0.1/review/cases/" + theirCase + "/decision", decision(1, "reject", "fraud_suspected", "not mine"));
        assertThat(decide.status()).isEqualTo(404);
        assertThat(scoped.post("/api/v0.1/review/cases/" + theirCase + "/claim", Map.of("version", 1)).status()).isEqualTo(404);
        assertThat(scoped.get("/api/v0.1/review/audit?case_id=" + theirCase).json().get("entries").size()).isZero();
        assertThat(awaitKycStatus(theirs, theirCustomer, "under_review").get("kyc_status").stringValue()).isEqualTo("under_review");

        // Bad query values and ids: 400 / 404 in the envelope.
        Http.Response badFilter = scoped.get("/api/v0.1/review/cases?min_age_minutes=-3");
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.json().get("Code").stringValue()).isEqualTo("review_query_invalid");
        assertThat(scoped.get("/api/v0.1/review/cases/not-a-case").status()).isEqualTo(404);
        assertThat(scoped.get("/api/v0.1/review/audit?from=yesterday").status()).isEqualTo(400);
        assertThat(scoped.get("/api/v0.1/review/cases/" + theirCase + "/documents/" + UUID.randomUUID()).status()).isEqualTo(404);
        // Without a reviewer token, or with the brand's key: 401.
        assertThat(mine.api().get("/api/v0.1/review/cases").status()).isEqualTo(401);
        assertThat(anonymous().post("/api/v0.1/review/cases/" + theirCase + "/claim", Map.of("version", 1)).status()).isEqualTo(401);
        List<String> stillOpen = everyBrand.get("/api/v0.1/review/cases?per_page=100").json().get("cases").findValuesAsString("case_id");
        assertThat(stillOpen).contains(theirCase);
    }

    /** A refusal in the SPEC §1.1 envelope: status, code, a request id. */
    private static void refused(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.json().get("Code").stringValue()).as(r.toString()).isEqualTo(code);
        assertThat(r.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void aSupervisorAssignsAndReleasesThroughTheApiAndAClaimHoldsTheCaseAgainstOtherReviewers() {
        Brand brand = newBrand();
        Brand other = newBrand();
        String customerId = sharedSsnCase(this, brand, "404-56-7890");
        Account ann = account("reviewer", null);
        Account bob = account("reviewer", brand.brandId());
        Account sue = account("supervisor", null);
        Account elsewhere = account("reviewer", other.brandId());
        Account gone = account("reviewer", null);
        assertThat(admin().post("/admin/reviewers/" + gone.id() + "/deactivate", Map.of()).status()).isEqualTo(200);
        Account theirSupervisor = account("supervisor", other.brandId());
        JsonNode listed = caseOf(sue.api(), customerId);
        String caseId = listed.get("case_id").stringValue();
        int version = listed.get("version").asInt();
        String assign = "/api/v0.1/review/cases/" + caseId + "/assign";
        String release = "/api/v0.1/review/cases/" + caseId + "/release";

        // Every bad input: a clear 4xx in the envelope, and the case does not change.
        refused(ann.api().post(assign, Map.of("version", version, "reviewer_id", bob.id())), 403, "review_supervisor_required");
        refused(sue.api().post(assign, Map.of("version", version)), 400, "review_assign_schema");
        refused(sue.api().post(assign, Map.of("version", version, "reviewer_id", "bob")), 400, "review_assign_schema");
        refused(sue.api().post(assign, Map.of("version", "one", "reviewer_id", bob.id())), 400, "review_assign_schema");
        refused(sue.api().post(assign, Map.of("version", version, "reviewer_id", bob.id(), "extra", 1)), 400, "review_assign_schema");
        refused(sue.api().post(assign, Map.of("version", version, "reviewer_id", UUID.randomUUID().toString())), 400, "review_assignee_invalid");
        refused(sue.api().post(assign, Map.of("version", version, "reviewer_id", elsewhere.id())), 400, "review_assignee_invalid");
        refused(sue.api().post(assign, Map.of("version", version, "reviewer_id", gone.id())), 400, "review_assignee_invalid");
        refused(sue.api().post(assign, Map.of("version", version + 5, "reviewer_id", bob.id())), 409, "case_changed");
        refused(sue.api().post("/api/v0.1/review/cases/" + UUID.randomUUID() + "/assign", Map.of("version", 0, "reviewer_id", bob.id())),
                404, "case_dne");
        refused(sue.api().send("POST", assign, "{\"version\": ", "application/json"), 400, "invalid_request");
        refused(sue.api().send("POST", release, null, "application/json"), 400, "invalid_request");
        refused(sue.api().post(release, Map.of()), 400, "review_release_schema");
        refused(sue.api().post(release, Map.of("version", "x")), 400, "review_release_schema");
        // Another brand's supervisor: the case does not exist for them.
        refused(theirSupervisor.api().post(assign, Map.of("version", version, "reviewer_id", elsewhere.id())), 404, "case_dne");
        refused(theirSupervisor.api().post(release, Map.of("version", version)), 404, "case_dne");
        assertThat(caseOf(sue.api(), customerId).get("version").asInt()).isEqualTo(version);
        assertThat(caseOf(sue.api(), customerId).get("assignee_id").isNull()).isTrue();

        // Assigned to bob, the case is bob's: ann can neither decide, claim nor release it.
        Http.Response assigned = sue.api().post(assign, Map.of("version", version, "reviewer_id", bob.id()));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(assigned.json().get("assignee_name").stringValue()).isEqualTo(bob.username());
        int v = assigned.json().get("version").asInt();
        refused(ann.api().post("/api/v0.1/review/cases/" + caseId + "/decision", decision(v, "reject", "fraud_suspected", "mine now")),
                409, "case_claimed_by_other");
        refused(ann.api().post("/api/v0.1/review/cases/" + caseId + "/claim", Map.of("version", v)), 409, "case_claimed");
        refused(ann.api().post(release, Map.of("version", v)), 409, "case_claimed");
        assertThat(awaitKycStatus(brand, customerId, "under_review").get("kyc_status").stringValue()).isEqualTo("under_review");

        // Bob gives it back; releasing an unclaimed case changes nothing.
        Http.Response released = bob.api().post(release, Map.of("version", v));
        assertThat(released.status()).as(released.toString()).isEqualTo(200);
        assertThat(released.json().get("assignee_id").isNull()).isTrue();
        v = released.json().get("version").asInt();
        assertThat(ann.api().post(release, Map.of("version", v)).json().get("version").asInt()).isEqualTo(v);

        // Ann claims it; sue, a supervisor, decides over her claim, and the trail says whose claim it was.
        v = ann.api().post("/api/v0.1/review/cases/" + caseId + "/claim", Map.of("version", v)).json().get("version").asInt();
        Http.Response decided = sue.api().post("/api/v0.1/review/cases/" + caseId + "/decision",
                decision(v, "reject", "synthetic_identity", "Two people, one SSN."));
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(decided.json().get("kyc_status").stringValue()).isEqualTo("failed");
        JsonNode trail = sue.api().get("/api/v0.1/review/audit?case_id=" + caseId).json().get("entries");
        assertThat(trail.findValuesAsString("action")).containsSubsequence("case_assigned", "case_released", "case_claimed", "decision");
        JsonNode detail = trail.get(trail.size() - 1).get("detail");
        assertThat(detail.get("overrode_claim_of").stringValue()).isEqualTo(ann.username());
        assertThat(detail.get("overrode_claim_of_id").stringValue()).isEqualTo(ann.id());
        refused(sue.api().post(assign, Map.of("version", decided.json().get("version").asInt(), "reviewer_id", bob.id())), 409, "case_closed");
    }

    @Test
    void theOpenApiDocumentListsAssignReleaseAndTheReviewersReasonCodes() {
        JsonNode document = anonymous().get("/v3/api-docs").json();
        JsonNode paths = document.get("paths");
        JsonNode assign = paths.get("/api/v0.1/review/cases/{caseId}/assign").get("post");
        assertThat(assign.get("requestBody").toString()).contains("ReviewAssignRequest");
        assertThat(assign.get("summary").stringValue()).contains("supervisors only");
        assertThat(paths.get("/api/v0.1/review/cases/{caseId}/release").get("post").get("requestBody").toString())
                .contains("ReviewVersionRequest");
        assertThat(paths.get("/api/v0.1/review/cases/{caseId}/decision").get("post").get("summary").stringValue())
                .contains("case_claimed_by_other");
        JsonNode assignBody = document.get("components").get("schemas").get("ReviewAssignRequest");
        assertThat(assignBody.get("required").toString()).contains("version").contains("reviewer_id");
        List<String> reasonCodes = document.get("components").get("schemas").get("Reason").get("properties").get("code").get("enum")
                .valueStream().map(JsonNode::stringValue).toList();
        for (Decision.Action action : Decision.Action.values()) {
            assertThat(reasonCodes).as(action.wire()).containsAll(action.reasonCodes());
        }
    }
}
