package org.openkyc.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openkyc.screening.WatchlistScreening;
import org.springframework.beans.factory.annotation.Autowired;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Live mode from the HTTP API (SPEC §8): the server runs the real checks, not the sandbox's SSN
 * script. One customer per reason, each driven from creation to its status, its reasons and its
 * events; on H2 and PostgreSQL.
 */
@TestPropertySource(properties = {
        "openkyc.mode=live",
        "openkyc.crypto.data-keys=live1=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "openkyc.crypto.blind-index-key=AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="})
class LiveModeApiTest extends ApiTestBase {

    private static final String CLEAN_SSN = "401-23-4567";

    @Autowired
    WatchlistScreening screening;

    /** Live mode loads the shipped lists in the background once it is ready; until then attempts wait. */
    @BeforeEach
    void listsInService() {
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> !screening.listsInService().isEmpty());
    }
    private static final String CLEAN_PHONE = "512-867-5309";

    private record Kyc(String customerId, JsonNode status) {
        List<String> reasonCodes() {
            List<String> codes = new ArrayList<>();
            status.get("reasons").forEach(r -> codes.add(r.get("code").stringValue()));
            return codes;
        }

        List<String> fields() {
            List<String> fields = new ArrayList<>();
            status.get("fields").forEach(f -> fields.add(f.stringValue()));
            return fields;
        }
    }

    private Map<String, Object> applicant() {
        Map<String, Object> body = customerBody();
        body.remove("ssn");
        body.remove("phone");
        body.remove("email");
        return body;
    }

    private Map<String, Object> kycRequest(Brand brand, String ssn, String phone, String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("program_id", brand.programId().toString());
        body.put("ssn", ssn);
        body.put("phone", phone);
        body.put("phone_country_code", "1");
        body.put("email", email);
        return body;
    }

    /** The evidence a check stored for the customer's attempt. */
    private String evidence(Kyc kyc, String check) {
        return jdbc.sql("SELECT r.evidence FROM kyc_check_result r JOIN kyc_attempt a ON a.kyc_id = r.kyc_id WHERE a.customer_id = ? AND r.check_name = ?")
                .params(java.util.UUID.fromString(kyc.customerId()), check).query(String.class).single();
    }

    private Kyc submit(Brand brand, Map<String, Object> customer, String ssn, String phone, String email, String... expected) {
        String customerId = createCustomer(brand, customer);
        return resubmit(brand, customerId, ssn, phone, email, expected);
    }

    private Kyc resubmit(Brand brand, String customerId, String ssn, String phone, String email, String... expected) {
        Http.Response started = brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc", kycRequest(brand, ssn, phone, email));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        return new Kyc(customerId, awaitKycStatus(brand, customerId, expected));
    }

    @Test
    void aCleanApplicantPasses() {
        Brand brand = newBrand();
        Kyc kyc = submit(brand, applicant(), CLEAN_SSN, CLEAN_PHONE, "jane@example.com", "passed", "document_required", "under_review", "failed");
        assertThat(kyc.status().get("kyc_status").stringValue()).as(kyc.status().toString()).isEqualTo("passed");
        assertThat(kyc.reasonCodes()).isEmpty();
        assertThat(kycEventTypes(kyc.customerId())).containsExactly("kyc.verification.submitted", "kyc.verification.success");
        assertThat(evidence(kyc, "watchlist")).as("the versions screened, with a clear result too").isEqualTo(listVersions());
    }

    /** The evidence's {@code list_versions}: the version of each list in service, as recorded in the database. */
    private String listVersions() {
        return "{\"list_versions\":{\"SDN\":\"" + currentVersion("SDN") + "\",\"CONS\":\"" + currentVersion("CONS") + "\"}}";
    }

    private String currentVersion(String list) {
        return jdbc.sql("SELECT current_version_id FROM watchlist_list WHERE list_name = ?").param(list).query(String.class).single();
    }

    @Test
    void aFictionalPhoneAsksForTheNumberAgainAndACorrectedResubmissionPasses() {
        Brand brand = newBrand();
        Kyc kyc = submit(brand, applicant(), CLEAN_SSN, "555-555-5555", "jane@example.com", "document_required", "passed", "under_review", "failed");
        assertThat(kyc.status().get("kyc_status").stringValue()).as(kyc.status().toString()).isEqualTo("document_required");
        assertThat(kyc.reasonCodes()).containsExactly("phone_invalid");
        assertThat(kyc.fields()).containsExactly("phone");
        assertThat(kycEventTypes(kyc.customerId())).containsExactly("kyc.verification.submitted",
                "kyc.verification.document_required", "kyc.verification.reenter_information");

        Kyc corrected = resubmit(brand, kyc.customerId(), CLEAN_SSN, CLEAN_PHONE, "jane@example.com", "passed", "document_required", "under_review", "failed");
        assertThat(corrected.status().get("kyc_status").stringValue()).as(corrected.status().toString()).isEqualTo("passed");
        assertThat(kycEventTypes(kyc.customerId())).endsWith("kyc.verification.submitted", "kyc.verification.success");
    }

    @Test
    void eachMistypedFieldIsNamedWithItsReason() {
        Brand brand = newBrand();
        Map<String, Object> wrongState = applicant();
        @SuppressWarnings("unchecked")
        Map<String, Object> address = (Map<String, Object>) ((List<Object>) wrongState.get("addresses")).getFirst();
        address.put("state", "CA");
        record Case(Map<String, Object> customer, String ssn, String phone, String email, String reason, String field) {
        }
        List<Case> cases = List.of(
                new Case(applicant(), CLEAN_SSN, "800-555-1234", "jane@example.com", "phone_not_personal", "phone"),
                new Case(applicant(), CLEAN_SSN, CLEAN_PHONE, "jane@mailinator.com", "email_disposable", "email"),
                new Case(applicant(), "666-12-3456", CLEAN_PHONE, "jane@example.com", "ssn_invalid", "ssn"),
                new Case(wrongState, CLEAN_SSN, CLEAN_PHONE, "jane@example.com", "zip_state_mismatch", "addresses"));
        for (Case c : cases) {
            Kyc kyc = submit(brand, c.customer(), c.ssn(), c.phone(), c.email(), "document_required", "passed", "under_review", "failed");
            assertThat(kyc.status().get("kyc_status").stringValue()).as(c.reason() + ": " + kyc.status()).isEqualTo("document_required");
            assertThat(kyc.reasonCodes()).as(c.reason()).containsExactly(c.reason());
            assertThat(kyc.fields()).as(c.reason()).containsExactly(c.field());
        }
    }

    @Test
    void anUnderageApplicantFails() {
        Brand brand = newBrand();
        Map<String, Object> child = applicant();
        child.put("dob", "2015-06-01");
        Kyc kyc = submit(brand, child, CLEAN_SSN, CLEAN_PHONE, "jane@example.com", "failed", "passed", "document_required", "under_review");
        assertThat(kyc.status().get("kyc_status").stringValue()).as(kyc.status().toString()).isEqualTo("failed");
        assertThat(kyc.reasonCodes()).contains("underage");
        assertThat(kycEventTypes(kyc.customerId())).containsExactly("kyc.verification.submitted", "kyc.verification.failure");
    }

    @Test
    void anSsnHeldByAnotherCustomerUnderAnotherNameGoesToReviewNamingOnlyThatCustomer() {
        Brand brand = newBrand();
        Kyc first = submit(brand, applicant(), CLEAN_SSN, CLEAN_PHONE, "jane@example.com", "passed", "document_required", "under_review", "failed");
        assertThat(first.status().get("kyc_status").stringValue()).isEqualTo("passed");

        Map<String, Object> sameAgain = applicant();
        Kyc twice = submit(brand, sameAgain, CLEAN_SSN, CLEAN_PHONE, "jane@example.com", "passed", "document_required", "under_review", "failed");
        assertThat(twice.status().get("kyc_status").stringValue()).as("the same person entered twice").isEqualTo("passed");

        Map<String, Object> someoneElse = applicant();
        someoneElse.put("first_name", "Joan");
        someoneElse.put("dob", "1971-02-03");
        Kyc other = submit(brand, someoneElse, CLEAN_SSN, CLEAN_PHONE, "joan@example.com", "under_review", "passed", "document_required", "failed");
        assertThat(other.status().get("kyc_status").stringValue()).as(other.status().toString()).isEqualTo("under_review");
        assertThat(other.reasonCodes()).containsExactly("ssn_shared");
        assertThat(evidence(other, "duplicate_identity")).contains(first.customerId(), twice.customerId())
                .doesNotContain("Jane", "1990-04-12", "401-23-4567", "401234567");

        Brand elsewhere = newBrand();
        Kyc otherBrand = submit(elsewhere, someoneElse, CLEAN_SSN, CLEAN_PHONE, "joan@example.com", "passed", "document_required", "under_review", "failed");
        assertThat(otherBrand.status().get("kyc_status").stringValue()).as("another brand's customers are not compared").isEqualTo("passed");
    }

    @Test
    void aPersonOnTheSdnListGoesToReviewWithTheEntryBesideThem() {
        Brand brand = newBrand();
        Map<String, Object> listed = applicant();
        listed.put("first_name", "Ayman");
        listed.put("last_name", "Al-Zawahiri");
        listed.put("dob", "1951-06-19");
        Kyc kyc = submit(brand, listed, CLEAN_SSN, CLEAN_PHONE, "ayman@example.com", "under_review", "passed", "document_required", "failed");
        assertThat(kyc.status().get("kyc_status").stringValue()).as(kyc.status().toString()).isEqualTo("under_review");
        assertThat(kyc.reasonCodes()).containsExactly("watchlist_potential_match");
        assertThat(evidence(kyc, "watchlist")).contains("SDN-2676", "AL ZAWAHIRI", "SDGT", "19 Jun 1951")
                .contains(listVersions().substring(1, listVersions().length() - 1));

        Map<String, Object> variant = applicant();
        variant.put("first_name", "Aiman");
        variant.put("last_name", "Al Zawahri");
        variant.put("dob", "1951-06-19");
        Kyc spelledOtherwise = submit(brand, variant, "402-34-5678", CLEAN_PHONE, "aiman@example.com", "under_review", "passed", "document_required", "failed");
        assertThat(spelledOtherwise.reasonCodes()).as("a transliteration variant with a typo").containsExactly("watchlist_potential_match");
    }
}
