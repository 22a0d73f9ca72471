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

    private Http reviewer(String role, UUID brand) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", "r-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("role", role);
        if (brand != null) {
            body.put("brand_id", brand.toString());
        }
        JsonNode created = admin().post("/admin/reviewers", body).json();
        String token = admin().post("/admin/reviewers/" + created.get("reviewer_id").stringValue() + "/tokens", Map.of()).json()
                .get("token").stringValue();
        return anonymous().with("Authorization", "Bearer " + token);
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
}
