package org.openkyc.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openkyc.screening.MonitoringLoads;
import org.openkyc.screening.WatchlistScreening;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.LocalReceiver;
import org.openkyc.testing.TestTls;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.standardwebhooks.Webhook;

import tools.jackson.databind.JsonNode;

/**
 * Monitoring cases decided through the review API, with the real screening behind them (H2 and
 * PostgreSQL): customers who passed live KYC are raised by a list load (the two SDN snapshots), each
 * raise opens a case; "false positive" takes four eyes and the entry is not raised again for that
 * customer on the next load; "confirmed match" marks the hit confirmed and the brand's receiver gets
 * the signed {@code watchlist.match} with {@code "confirmed": true}. Two reviewers: a claim holds the
 * case against the other, not against a supervisor, and never against the second approval.
 */
@TestPropertySource(properties = {
        "openkyc.mode=live",
        "openkyc.crypto.data-keys=live1=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "openkyc.crypto.blind-index-key=AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=",
        "openkyc.webhooks.allowed-networks=127.0.0.2/32",
        "openkyc.webhooks.trust-store-password=" + TestTls.PASSWORD})
class MonitoringDecisionApiTest extends ApiTestBase {

    @DynamicPropertySource
    static void trust(DynamicPropertyRegistry registry) {
        registry.add("openkyc.webhooks.trust-store", () -> TestTls.trustStore().toString());
    }

    @Autowired
    WatchlistScreening screening;
    @Autowired
    ApplicationContext context;

    private int ssnSerial = 6100;

    private UUID passedCustomer(Brand brand, MonitoringLoads.ListedPerson person) {
        String id = createCustomer(brand, person.customerBody());
        Map<String, Object> kyc = MonitoringLoads.passingKyc(brand.programId(), "401-23-" + ssnSerial++);
        assertThat(brand.api().post("/api/v0.1/customers/" + id + "/verification-kyc", kyc).status()).isEqualTo(201);
        JsonNode status = awaitKycStatus(brand, id, "passed", "under_review", "failed", "document_required");
        assertThat(status.get("kyc_status").stringValue()).as(status.toString()).isEqualTo("passed");
        return UUID.fromString(id);
    }

    private Http reviewer(String role) {
        Map<String, Object> body = Map.of("username", role + "-" + UUID.randomUUID().toString().substring(0, 8), "role", role);
        JsonNode created = admin().post("/admin/reviewers", body).json();
        String token = admin().post("/admin/reviewers/" + created.get("reviewer_id").stringValue() + "/tokens", Map.of()).json()
                .get("token").stringValue();
        return anonymous().with("Authorization", "Bearer " + token);
    }

    /** The customer's open monitoring cases in the queue. */
    private static List<JsonNode> monitoringCases(Http api, UUID customerId) {
        List<JsonNode> open = new java.util.ArrayList<>();
        for (JsonNode c : api.get("/api/v0.1/review/cases?kind=monitoring&per_page=100").json().get("cases")) {
            if (c.get("customer_id").stringValue().equals(customerId.toString())) {
                open.add(c);
            }
        }
        return open;
    }

    private static Map<String, Object> decision(int version, String action, String reason, String note) {
        return Map.of("version", version, "action", action, "reason_code", reason, "note", note);
    }

    private static int version(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().get("version").asInt();
    }

    @Test
    void monitoringCasesAreDecidedThroughTheApiAndScreeningTakesTheDecisions() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> !screening.listsInService().isEmpty());
        MonitoringLoads loads = new MonitoringLoads(context);
        loads.awaitCaughtUp();
        try (LocalReceiver receiver = LocalReceiver.https("127.0.0.2")) {
            Brand brand = newBrand();
            Http.Response hook = brand.api().post("/api/v0.1/webhooks", Map.of("url", receiver.url("/hooks"), "events", List.of("watchlist.match")));
            assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
            String secret = hook.json().get("secret").stringValue();
            UUID dismissed = passedCustomer(brand, MonitoringLoads.LISTED_2024_ONLY.get(0));
            UUID confirmed = passedCustomer(brand, MonitoringLoads.LISTED_2024_ONLY.get(1));

            loads.raiseAddedEntries();

            Http ann = reviewer("reviewer");
            Http bob = reviewer("reviewer");
            Http sue = reviewer("supervisor");

            // False positive: ann claims and gives the first approval; her claim does not hold the
            // case for the second approval, which sue (a supervisor) completes.
            assertThat(monitoringCases(ann, dismissed)).hasSize(1);
            JsonNode fpCase = monitoringCases(ann, dismissed).getFirst();
            String fpId = fpCase.get("case_id").stringValue();
            JsonNode fpDetail = ann.get("/api/v0.1/review/cases/" + fpId).json();
            assertThat(fpDetail.get("monitoring_hit").get("entry_id").stringValue()).isEqualTo("SDN-43232");
            assertThat(fpDetail.get("monitoring_hit").get("status").stringValue()).isEqualTo("raised");
            assertThat(fpDetail.get("four_eyes").booleanValue()).isTrue();
            int v = version(ann.post("/api/v0.1/review/cases/" + fpId + "/claim", Map.of("version", fpDetail.get("version").asInt())));
            Http.Response first = ann.post("/api/v0.1/review/cases/" + fpId + "/decision",
                    decision(v, "false_positive", "watchlist_false_positive", "Other DOB on her passport."));
            assertThat(first.json().get("awaiting_second_approval").booleanValue()).as(first.toString()).isTrue();
            assertThat(first.json().get("assignee_id").isNull()).as("the first approval gives the case back to the queue").isTrue();
            Http.Response notBob = bob.post("/api/v0.1/review/cases/" + fpId + "/decision",
                    decision(version(first), "false_positive", "watchlist_false_positive", "Agree."));
            assertThat(notBob.status()).isEqualTo(403);
            Http.Response second = sue.post("/api/v0.1/review/cases/" + fpId + "/decision",
                    decision(version(first), "false_positive", "watchlist_false_positive", "Agreed: not the listed person."));
            assertThat(second.json().get("status").stringValue()).as(second.toString()).isEqualTo("closed");
            assertThat(sue.get("/api/v0.1/review/cases/" + fpId).json().get("monitoring_hit").get("status").stringValue()).isEqualTo("dismissed");

            // Confirmed match: ann claims it; bob may not decide it; ann does.
            assertThat(monitoringCases(ann, confirmed)).hasSize(1);
            JsonNode cmCase = monitoringCases(ann, confirmed).getFirst();
            String cmId = cmCase.get("case_id").stringValue();
            int cv = version(ann.post("/api/v0.1/review/cases/" + cmId + "/claim", Map.of("version", cmCase.get("version").asInt())));
            Http.Response bobs = bob.post("/api/v0.1/review/cases/" + cmId + "/decision",
                    decision(cv, "confirmed_match", "watchlist_confirmed", "Same person."));
            assertThat(bobs.status()).isEqualTo(409);
            assertThat(bobs.json().get("Code").stringValue()).isEqualTo("case_claimed_by_other");
            assertThat(bobs.header("X-Request-Id")).isNotBlank();
            Http.Response anns = ann.post("/api/v0.1/review/cases/" + cmId + "/decision",
                    decision(cv, "confirmed_match", "watchlist_confirmed", "Same DOB, same middle name."));
            assertThat(anns.json().get("status").stringValue()).as(anns.toString()).isEqualTo("closed");
            assertThat(ann.get("/api/v0.1/review/cases/" + cmId).json().get("monitoring_hit").get("status").stringValue())
                    .as("the customer is flagged: the hit is confirmed").isEqualTo("confirmed");

            // The brand's receiver gets the confirmation, signed.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().stream()
                    .anyMatch(r -> r.body().contains(confirmed.toString()) && Http.JSON.readTree(r.body()).get("confirmed").booleanValue()));
            List<LocalReceiver.Received> toldConfirmed = receiver.received().stream().filter(r -> r.body().contains(confirmed.toString())).toList();
            assertThat(toldConfirmed).extracting(r -> Http.JSON.readTree(r.body()).get("confirmed").booleanValue()).containsExactly(false, true);
            for (LocalReceiver.Received r : toldConfirmed) {
                assertThatCode(() -> new Webhook(secret).verify(r.body(), r.headers())).doesNotThrowAnyException();
                assertThat(Http.JSON.readTree(r.body()).get("event").stringValue()).isEqualTo("watchlist.match");
            }

            // The next load screens the added entries again: the dismissed candidate is not raised again.
            loads.raiseAddedEntries();
            assertThat(monitoringCases(sue, dismissed)).isEmpty();
            assertThat(monitoringCases(sue, confirmed)).isEmpty();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM review_case WHERE customer_id = ?").param(dismissed).query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE customer_id = ? AND event_type = 'watchlist.match'").param(dismissed)
                    .query(Long.class).single()).isEqualTo(1);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().stream().anyMatch(r -> r.body().contains(dismissed.toString())));
            assertThat(receiver.received().stream().filter(r -> r.body().contains(dismissed.toString()))).hasSize(1);

            // The trail: both decisions, no claim overridden.
            JsonNode trail = sue.get("/api/v0.1/review/audit?brand_id=" + brand.brandId() + "&action=decision").json().get("entries");
            assertThat(trail.findValuesAsString("case_id")).containsExactlyInAnyOrder(fpId, cmId);
            assertThat(trail.toString()).doesNotContain("overrode_claim_of");
        }
    }

    /**
     * SPEC §8.2: a reviewer-confirmed watchlist match fails the customer's next attempt. The
     * customer's first attempt waits for documents (a mistyped SSN) when monitoring raises them;
     * a reviewer confirms the hit; the corrected resubmission fails with watchlist_confirmed_match,
     * where screening alone would only send it to review.
     */
    @Test
    void aCustomerConfirmedAsAListedPersonFailsTheirNextAttempt() {
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> !screening.listsInService().isEmpty());
        MonitoringLoads loads = new MonitoringLoads(context);
        loads.awaitCaughtUp();
        loads.serve2021();
        Brand brand = newBrand();
        MonitoringLoads.ListedPerson person = MonitoringLoads.LISTED_2024_ONLY.get(0);
        String id = createCustomer(brand, person.customerBody());
        Map<String, Object> mistyped = MonitoringLoads.passingKyc(brand.programId(), "000-23-" + ssnSerial++);
        assertThat(brand.api().post("/api/v0.1/customers/" + id + "/verification-kyc", mistyped).status()).isEqualTo(201);
        assertThat(awaitKycStatus(brand, id, "document_required", "passed", "under_review", "failed").get("kyc_status").stringValue())
                .isEqualTo("document_required");

        loads.serve2024();
        Http ann = reviewer("reviewer");
        List<JsonNode> raised = monitoringCases(ann, UUID.fromString(id));
        assertThat(raised).as("monitoring covers a customer waiting for documents").hasSize(1);
        String caseId = raised.getFirst().get("case_id").stringValue();
        Http.Response confirmed = ann.post("/api/v0.1/review/cases/" + caseId + "/decision",
                decision(raised.getFirst().get("version").asInt(), "confirmed_match", "watchlist_confirmed", "Same person, same DOB."));
        assertThat(confirmed.json().get("status").stringValue()).as(confirmed.toString()).isEqualTo("closed");

        Map<String, Object> corrected = MonitoringLoads.passingKyc(brand.programId(), "401-23-" + ssnSerial++);
        Http.Response again = brand.api().post("/api/v0.1/customers/" + id + "/verification-kyc", corrected);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        JsonNode status = awaitKycStatus(brand, id, "failed", "passed", "under_review", "document_required");
        assertThat(status.get("kyc_status").stringValue()).as(status.toString()).isEqualTo("failed");
        assertThat(status.get("reasons").findValuesAsString("code")).contains("watchlist_confirmed_match");
    }
}
