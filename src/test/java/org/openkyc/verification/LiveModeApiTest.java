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

    @Autowired
    org.openkyc.privacy.PersonalDataCipher cipher;

    @Autowired
    org.openkyc.outbox.Outbox outbox;

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
    void reasonsCarryTheirCheckAndTheCataloguesSentenceAndReenterEventsTheFieldsAndADescription() {
        Brand brand = newBrand();
        Kyc kyc = submit(brand, applicant(), CLEAN_SSN, "555-555-5555", "jane@mailinator.com", "document_required", "passed", "under_review", "failed");
        assertThat(kyc.status().get("reasons")).hasSize(2);
        for (JsonNode reason : kyc.status().get("reasons")) {
            ReasonCatalogue.Entry entry = ReasonCatalogue.find(reason.get("code").stringValue()).orElseThrow();
            assertThat(reason.propertyNames()).containsExactly("code", "check", "message");
            assertThat(reason.get("check").stringValue()).isEqualTo(entry.check());
            assertThat(reason.get("message").stringValue()).isEqualTo(entry.sentence());
        }
        assertThat(kyc.reasonCodes()).containsExactlyInAnyOrder("phone_invalid", "email_disposable");
        JsonNode reenter = kycEvents(brand, kyc.customerId()).stream()
                .filter(e -> e.get("event").stringValue().equals("kyc.verification.reenter_information")).findFirst().orElseThrow();
        List<String> fields = new ArrayList<>();
        reenter.get("fields").forEach(f -> fields.add(f.stringValue()));
        assertThat(fields).containsExactlyInAnyOrder("phone", "email").isEqualTo(kyc.fields());
        assertThat(reenter.get("description").stringValue())
                .contains(ReasonCatalogue.find("phone_invalid").orElseThrow().sentence(), ReasonCatalogue.find("email_disposable").orElseThrow().sentence(),
                        "Check " + String.join(", ", fields) + " and submit again")
                .doesNotContain("555", "mailinator");
    }

    @Test
    void theOpenApiDocumentListsTheCatalogue() {
        JsonNode reason = anonymous().get("/v3/api-docs").json().get("components").get("schemas").get("Reason");
        List<String> codes = new ArrayList<>();
        reason.get("properties").get("code").get("enum").forEach(c -> codes.add(c.stringValue()));
        assertThat(codes).isEqualTo(ReasonCatalogue.entries().stream().map(ReasonCatalogue.Entry::code).toList());
        assertThat(reason.get("description").stringValue()).endsWith(ReasonTable.markdown());
        assertThat(reason.get("properties").propertyNames()).containsExactly("code", "check", "message");
    }

    // ---- SPEC §8.3: a licence uploaded for a document_required attempt

    /** A customer whose fictional phone asked for a government id; the licence then uploaded, and the attempt's end. */
    private Kyc withLicence(Brand brand, String type, String barcodeText) {
        Kyc asked = submit(brand, applicant(), CLEAN_SSN, "555-555-5555", "jane@example.com", "document_required", "passed", "under_review", "failed");
        assertThat(asked.status().get("documents").get(0).get("document_type").stringValue()).isEqualTo("government_id");
        Map<String, Object> front = Map.of("file_name", "front.png", "image", base64(AamvaSamples.png(new java.awt.image.BufferedImage(40, 30,
                java.awt.image.BufferedImage.TYPE_INT_RGB))));
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("type", type);
        id.put("country", "US");
        id.put("front_image", front);
        id.put("back_image", Map.of("file_name", "back.png", "image", base64(AamvaSamples.png(AamvaSamples.barcode(barcodeText)))));
        Http.Response uploaded = brand.api().post("/api/v0.1/customers/" + asked.customerId() + "/verification-kyc/documents", Map.of("government_id", id));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        return new Kyc(asked.customerId(), awaitKycStatus(brand, asked.customerId(), "passed", "under_review", "failed"));
    }

    private static String base64(byte[] bytes) {
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    private static String licence(String dob, String expires, String givenName) {
        List<String> elements = new ArrayList<>(AamvaSamples.janeElements(dob, expires, "USA"));
        elements.replaceAll(e -> e.startsWith("DAC") ? "DAC" + givenName : e);
        return AamvaSamples.card(8, "636015", elements);
    }

    private JsonNode documentEvidence(Kyc kyc) {
        return Http.JSON.readTree(evidence(kyc, "document"));
    }

    /** The decoded fields, which the evidence holds only encrypted (for the reviewer). */
    private Map<String, Object> decoded(Kyc kyc) {
        String sealed = documentEvidence(kyc).get("decoded_fields_sealed").stringValue();
        return Http.JSON.readValue(cipher.decrypt("kyc.licence:" + kyc.status().get("kyc_id").stringValue(), sealed),
                new tools.jackson.core.type.TypeReference<Map<String, Object>>() { });
    }

    private List<JsonNode> kycEvents(Brand brand, String customerId) {
        return outbox.forCustomer(brand.brandId(), java.util.UUID.fromString(customerId)).stream()
                .filter(e -> e.eventType().startsWith("kyc.")).map(e -> Http.JSON.readTree(e.payload())).toList();
    }

    @Test
    void aMatchingUnexpiredLicenceClearsThePhoneAndPasses() {
        Brand brand = newBrand();
        Kyc kyc = withLicence(brand, "drivers_license", licence("04121990", "04122099", "JANE"));
        assertThat(kyc.status().get("kyc_status").stringValue()).as(kyc.status().toString()).isEqualTo("passed");
        assertThat(kyc.reasonCodes()).containsExactly("documents_verified");
        assertThat(kycEventTypes(kyc.customerId())).containsExactly("kyc.verification.submitted", "kyc.verification.document_required",
                "kyc.verification.reenter_information", "kyc.verification.success");
        JsonNode evidence = documentEvidence(kyc);
        assertThat(evidence.get("mismatches")).isEmpty();
        assertThat(evidence.get("licence_state").stringValue()).isEqualTo("TX");
        tools.jackson.databind.node.ObjectNode inClear = ((tools.jackson.databind.node.ObjectNode) evidence).deepCopy();
        inClear.remove("decoded_fields_sealed");
        assertThat(inClear.toString()).as("the decoded fields are stored encrypted only").doesNotContain("12345678", "DOE", "JANE", "1990");
        assertThat(decoded(kyc)).containsEntry("document_number", "12345678").containsEntry("family_name", "DOE")
                .containsEntry("dob", "1990-04-12");
    }

    @Test
    void aLicenceOfAnotherPersonGoesToReviewWithEachMismatch() {
        Brand brand = newBrand();
        Kyc kyc = withLicence(brand, "state_id", licence("04131990", "04122099", "JOAN"));
        assertThat(kyc.status().get("kyc_status").stringValue()).as(kyc.status().toString()).isEqualTo("under_review");
        assertThat(kyc.reasonCodes()).containsExactly("licence_mismatch", "phone_invalid");
        assertThat(kycEventTypes(kyc.customerId())).endsWith("kyc.verification.reenter_information", "kyc.verification.under_review");
        JsonNode evidence = documentEvidence(kyc);
        assertThat(evidence.get("mismatches").toString()).isEqualTo("[\"given_name\",\"dob\"]");
        assertThat(decoded(kyc)).containsEntry("given_name", "JOAN").containsEntry("dob", "1990-04-13");
    }

    @Test
    void anExpiredLicenceGoesToReview() {
        Brand brand = newBrand();
        Kyc kyc = withLicence(brand, "drivers_license", licence("04121990", "04122020", "JANE"));
        assertThat(kyc.status().get("kyc_status").stringValue()).as(kyc.status().toString()).isEqualTo("under_review");
        assertThat(kyc.reasonCodes()).containsExactly("licence_expired", "phone_invalid");
        assertThat(documentEvidence(kyc).get("mismatches").toString()).isEqualTo("[\"expired\"]");
    }

    @Test
    void aBackImageWithoutABarcodeAndAPassportGoToReview() {
        Brand brand = newBrand();
        Kyc unreadable = withLicence(brand, "drivers_license", "not an AAMVA barcode");
        assertThat(unreadable.status().get("kyc_status").stringValue()).isEqualTo("under_review");
        assertThat(unreadable.reasonCodes()).containsExactly("licence_unreadable", "phone_invalid");

        Kyc passport = withLicence(brand, "passport", licence("04121990", "04122099", "JANE"));
        assertThat(passport.status().get("kyc_status").stringValue()).isEqualTo("under_review");
        assertThat(passport.reasonCodes()).as("a passport is not read: a reviewer looks at it").containsExactly("documents_submitted");
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
