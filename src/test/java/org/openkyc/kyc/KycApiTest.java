package org.openkyc.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openkyc.outbox.Outbox;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** SPEC §5 through the HTTP API: start, status, every sandbox outcome and its events, the refusals. */
class KycApiTest extends ApiTestBase {

    @Autowired
    Outbox outbox;

    private String customerWithoutSsn(Brand brand) {
        Map<String, Object> body = customerBody();
        body.remove("ssn");
        body.remove("phone");
        body.remove("email");
        return createCustomer(brand, body);
    }

    private List<JsonNode> kycEvents(Brand brand, String customerId) {
        return outbox.forCustomer(brand.brandId(), UUID.fromString(customerId)).stream()
                .filter(e -> e.eventType().startsWith("kyc.")).map(e -> Http.JSON.readTree(e.payload())).toList();
    }

    @Test
    void theSeedRequestWorksAsWritten() {
        Brand brand = newBrand();
        String customerId = customerWithoutSsn(brand);
        String seedBody = """
                {
                    "program_id": "%s",
                    "ssn": "000-00-0000",
                    "phone": "555-555-5555",
                    "phone_country_code": "1",
                    "email": "jane@example.com",
                    "ip": ""
                }""".formatted(brand.programId());
        Http.Response response = brand.api().send("POST", "/api/v0.1/customers/" + customerId + "/verification-kyc", seedBody, "application/json");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode started = response.json();
        assertThat(started.propertyNames()).containsExactly("customer_id", "kyc_status", "program_id", "kyc_id");
        assertThat(started.get("customer_id").stringValue()).isEqualTo(customerId);
        assertThat(started.get("kyc_status").stringValue()).isEqualTo("submitted");
        assertThat(started.get("program_id").stringValue()).isEqualTo(brand.programId().toString());

        JsonNode status = awaitKycStatus(brand, customerId, "under_review");
        assertThat(status.get("kyc_id").stringValue()).isEqualTo(started.get("kyc_id").stringValue());
        assertThat(status.get("kyc_requests_available").intValue()).isEqualTo(2);
        assertThat(kycEventTypes(customerId)).containsExactly("kyc.verification.submitted", "kyc.verification.under_review");
        // the values sent with the request are saved onto the customer
        JsonNode customer = brand.api().get("/api/v0.1/customers/" + customerId).json();
        assertThat(customer.get("ssn").stringValue()).isEqualTo("XXX-XX-0000");
        assertThat(customer.get("phone").stringValue()).isEqualTo("555-555-5555");
        assertThat(customer.get("kyc_status").stringValue()).isEqualTo("under_review");
    }

    @Test
    void theSeedMissingSsnErrorComesBackAsShown() {
        Brand brand = newBrand();
        String customerId = customerWithoutSsn(brand);
        Map<String, Object> body = new HashMap<>();
        body.put("program_id", brand.programId().toString());
        body.put("phone", "555-555-5555");
        body.put("phone_country_code", "1");
        body.put("email", "jane@example.com");
        body.put("ip", "");
        Http.Response response = brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(Http.JSON.readTree("""
                {"Message": {"ssn": ["Missing data for required field."]}, "Status": 400, "Code": "kyc_post_schema", "Type": "Request Error"}"""));
        assertThat(brand.api().get("/api/v0.1/customers/" + customerId + "/verification-kyc").status()).isEqualTo(404);
        assertThat(kycEventTypes(customerId)).isEmpty();
    }

    @Test
    void fieldsOnTheRecordNeedNotBeSentAgain() {
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        Http.Response response = brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc",
                Map.of("program_id", brand.programId().toString()));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        awaitKycStatus(brand, customerId, "passed");
    }

    @ParameterizedTest(name = "SSN {0} -> {1}")
    @CsvSource({
            "000-00-0000, under_review, kyc.verification.under_review, ''",
            "111-11-1111, document_required, kyc.verification.document_required, government_id social_security_card",
            "222-22-2222, document_required, kyc.verification.document_required, government_id proof_of_address",
            "333-33-3333, document_required, kyc.verification.document_required, government_id",
            "444-44-4444, document_required, kyc.verification.document_required, government_id proof_of_address social_security_card",
            "888-88-8888, expired, kyc.verification.timeout, ''",
            "999-99-9999, failed, kyc.verification.failure, ''",
            "123-45-6780, passed, kyc.verification.success, ''"})
    void everySandboxSsnHasItsOutcomeAndEvents(String ssn, String outcome, String event, String documents) {
        Brand brand = newBrand();
        String customerId = customerWithoutSsn(brand);
        assertThat(startKyc(brand, customerId, ssn).status()).isEqualTo(201);

        JsonNode status = awaitKycStatus(brand, customerId, outcome);
        assertThat(status.get("brand_id").stringValue()).isEqualTo(brand.brandId().toString());
        assertThat(status.get("reasons").isArray()).isTrue();
        if (!outcome.equals("passed")) {
            // SPEC §5.2: each reason is {"code", "check", "message"}; the sandbox's come from its script.
            JsonNode reason = status.get("reasons").get(0);
            assertThat(reason.propertyNames()).containsExactly("code", "check", "message");
            assertThat(reason.get("code").stringValue()).startsWith("sandbox_");
            assertThat(reason.get("check").stringValue()).isEqualTo("sandbox");
            assertThat(reason.get("message").stringValue()).startsWith("Sandbox SSN");
        }
        List<String> expectedDocuments = documents.isBlank() ? List.of() : List.of(documents.split(" "));
        assertThat(status.get("documents").valueStream().map(d -> d.get("document_type").stringValue()).toList())
                .containsExactlyElementsOf(expectedDocuments);
        assertThat(status.get("passed_at").isNull()).isEqualTo(!outcome.equals("passed"));
        assertThat(kycEventTypes(customerId)).containsExactly("kyc.verification.submitted", event);

        List<JsonNode> events = kycEvents(brand, customerId);
        for (JsonNode e : events) {
            assertThat(e.propertyNames()).contains("event", "customer_id", "occurred_at", "kyc_status", "kyc_id", "program_id");
            assertThat(e.get("kyc_id").stringValue()).isEqualTo(status.get("kyc_id").stringValue());
        }
        JsonNode last = events.getLast();
        assertThat(last.get("kyc_status").stringValue()).isEqualTo(outcome);
        if (outcome.equals("document_required")) {
            assertThat(last.get("documents").valueStream().map(d -> d.get("document_type").stringValue()).toList())
                    .containsExactlyElementsOf(expectedDocuments);
            assertThat(last.get("documents").get(0).get("status").stringValue()).isEqualTo("required");
            assertThat(last.get("documents").get(0).get("upload_link").stringValue())
                    .endsWith("/api/v0.1/customers/" + customerId + "/verification-kyc/documents");
        }
        assertThat(brand.api().get("/api/v0.1/customers/" + customerId).json().get("kyc_status").stringValue()).isEqualTo(outcome);
    }

    @Test
    void anAttemptInProgressRefusesANewOne() {
        Brand brand = newBrand();
        String customerId = customerWithoutSsn(brand);
        startKyc(brand, customerId, "000-00-0000");
        awaitKycStatus(brand, customerId, "under_review");
        Http.Response again = startKyc(brand, customerId, "000-00-0000");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("Code").stringValue()).isEqualTo("kyc_in_progress");
        assertThat(again.json().get("Message").stringValue()).contains("/verification-kyc");
    }

    @Test
    void passedKycRefusesMoreAttemptsAndNamesWhenItPassed() {
        Brand brand = newBrand();
        String customerId = customerWithoutSsn(brand);
        startKyc(brand, customerId, "123-45-6780");
        JsonNode status = awaitKycStatus(brand, customerId, "passed");
        Http.Response again = startKyc(brand, customerId, "123-45-6780");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("Code").stringValue()).isEqualTo("kyc_already_passed");
        assertThat(again.json().get("kyc_passed_at").stringValue()).isEqualTo(status.get("passed_at").stringValue());
        assertThat(again.json().get("Message").stringValue()).contains(status.get("passed_at").stringValue());
        assertThat(again.json().get("Type").stringValue()).isEqualTo("Request Error");
    }

    @Test
    void attemptsRunOut() {
        Brand brand = newBrand();
        String customerId = customerWithoutSsn(brand);
        for (int i = 0; i < 3; i++) {
            assertThat(startKyc(brand, customerId, "999-99-9999").status()).isEqualTo(201);
            awaitKycStatus(brand, customerId, "failed");
        }
        Http.Response fourth = startKyc(brand, customerId, "999-99-9999");
        assertThat(fourth.status()).isEqualTo(409);
        assertThat(fourth.json().get("Code").stringValue()).isEqualTo("kyc_retries");
        assertThat(brand.api().get("/api/v0.1/customers/" + customerId).json().get("kyc_requests_available").intValue()).isZero();
    }

    @Test
    void aNewAttemptReplacesOneWaitingForDocuments() {
        Brand brand = newBrand();
        String customerId = customerWithoutSsn(brand);
        String first = startKyc(brand, customerId, "333-33-3333").json().get("kyc_id").stringValue();
        awaitKycStatus(brand, customerId, "document_required");
        Http.Response second = startKyc(brand, customerId, "123-45-6780");
        assertThat(second.status()).isEqualTo(201);
        JsonNode status = awaitKycStatus(brand, customerId, "passed");
        assertThat(status.get("kyc_id").stringValue()).isEqualTo(second.json().get("kyc_id").stringValue()).isNotEqualTo(first);
        assertThat(jdbc.sql("SELECT status FROM kyc_attempt WHERE kyc_id = ?").param(UUID.fromString(first)).query(String.class).single())
                .isEqualTo("superseded");
        assertThat(kycEventTypes(customerId)).containsExactly("kyc.verification.submitted", "kyc.verification.document_required",
                "kyc.verification.submitted", "kyc.verification.success");
    }

    @Test
    void programsAndCustomersOfOtherBrandsAreNotFound() {
        Brand brand = newBrand();
        Brand other = newBrand();
        String customerId = customerWithoutSsn(brand);
        Http.Response foreignProgram = brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc",
                Map.of("program_id", other.programId().toString(), "ssn", "123-45-6780"));
        assertThat(foreignProgram.status()).isEqualTo(404);
        assertThat(foreignProgram.json().get("Code").stringValue()).isEqualTo("program_dne");
        Http.Response foreignCustomer = startKyc(other, customerId, "123-45-6780");
        assertThat(foreignCustomer.status()).isEqualTo(404);
        assertThat(foreignCustomer.json().get("Code").stringValue()).isEqualTo("customer_dne");
        assertThat(other.api().get("/api/v0.1/customers/" + customerId + "/verification-kyc").status()).isEqualTo(404);
        Http.Response none = brand.api().get("/api/v0.1/customers/" + customerId + "/verification-kyc");
        assertThat(none.json().get("Code").stringValue()).isEqualTo("kyc_dne");
    }

    @Test
    void badKycBodiesAreSchemaErrors() {
        Brand brand = newBrand();
        String customerId = customerWithoutSsn(brand);
        Http.Response response = brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc",
                Map.of("program_id", "nope", "ssn", "12345", "email", "x@", "phone", 5555555, "extra", true));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(Http.JSON.readTree("""
                {"Message": {"program_id": ["Not a valid UUID."], "ssn": ["String does not match expected pattern."],
                             "phone": ["Not a valid string."], "email": ["Not a valid email address."], "extra": ["Unknown field."]},
                 "Status": 400, "Code": "kyc_post_schema", "Type": "Request Error"}"""));
    }

    @Test
    void programPolicyDecidesRequiredFields() {
        Brand brand = newBrand();
        String program = brand.api().post("/api/v0.1/programs", Map.of("name", "IP required", "kyc_policy",
                Map.of("required_fields", List.of("ssn"), "require_ip", true))).json().get("program_id").stringValue();
        Map<String, Object> customer = customerBody();
        customer.remove("phone");
        customer.remove("email");
        String customerId = createCustomer(brand, customer);
        Http.Response response = brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc",
                Map.of("program_id", program, "ip", ""));
        assertThat(response.json().get("Message")).isEqualTo(Http.JSON.readTree("{\"ip\": [\"Missing data for required field.\"]}"));
        assertThat(brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc",
                Map.of("program_id", program, "ip", "203.0.113.9")).status()).isEqualTo(201);
    }

    @Test
    void simulationDecidesAnOpenAttempt() {
        Brand brand = newBrand();
        String a = customerWithoutSsn(brand);
        String b = customerWithoutSsn(brand);
        startKyc(brand, a, "000-00-0000");
        startKyc(brand, b, "111-11-1111");
        awaitKycStatus(brand, a, "under_review");
        awaitKycStatus(brand, b, "document_required");

        Http.Response pass = brand.api().post("/api/v0.1/simulate/kyc-pass", Map.of("customer_id", a, "program_id", brand.programId().toString()));
        assertThat(pass.status()).isEqualTo(200);
        assertThat(pass.json()).isEqualTo(Http.JSON.readTree("{\"customer_id\": \"" + a + "\", \"kyc_status\": \"passed\"}"));
        Http.Response fail = brand.api().post("/api/v0.1/simulate/kyc-fail", Map.of("customer_id", b, "program_id", brand.programId().toString()));
        assertThat(fail.json().get("kyc_status").stringValue()).isEqualTo("failed");
        assertThat(kycEventTypes(a)).endsWith("kyc.verification.success");
        assertThat(kycEventTypes(b)).endsWith("kyc.verification.failure");

        Http.Response closed = brand.api().post("/api/v0.1/simulate/kyc-fail", Map.of("customer_id", a, "program_id", brand.programId().toString()));
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.json().get("Code").stringValue()).isEqualTo("kyc_not_open");
    }

    @Test
    void identityDataIsFrozenWhileAnAttemptIsBeingDecided() {
        Brand brand = newBrand();
        String customerId = customerWithoutSsn(brand);
        startKyc(brand, customerId, "000-00-0000");
        awaitKycStatus(brand, customerId, "under_review");
        String base = "/api/v0.1/customers/" + customerId;
        Http.Response rename = brand.api().patch(base, Map.of("dob", "1991-01-01"));
        assertThat(rename.status()).isEqualTo(409);
        assertThat(rename.json().get("Code").stringValue()).isEqualTo("kyc_in_progress");
        assertThat(brand.api().delete(base).json().get("Code").stringValue()).isEqualTo("kyc_in_progress");
        assertThat(brand.api().patch(base, Map.of("email", "other@example.com")).status()).isEqualTo(200);
        assertThat(brand.api().get(base).json().get("dob").stringValue()).isEqualTo("1990-04-12");
    }

    @Test
    void deletionErasesDocumentsAndPersonalDataInEarlierEvents() {
        Brand brand = newBrand();
        String customerId = customerWithoutSsn(brand);
        startKyc(brand, customerId, "333-33-3333");
        awaitKycStatus(brand, customerId, "document_required");
        // a second document is still missing, so the attempt keeps waiting and the customer may be deleted
        jdbc.sql("INSERT INTO kyc_document (kyc_id, document_type, status, date_updated) SELECT kyc_id, 'proof_of_address', 'required', date_updated FROM kyc_attempt WHERE customer_id = ?")
                .param(UUID.fromString(customerId)).update();
        assertThat(brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc/documents", Map.of("government_id",
                Map.of("type", "passport", "front_image", KycDocumentsTest.file("p.png", KycDocumentsTest.PNG)))).status()).isEqualTo(201);

        assertThat(brand.api().delete("/api/v0.1/customers/" + customerId).status()).isEqualTo(200);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM kyc_document_file f JOIN kyc_attempt a ON a.kyc_id = f.kyc_id WHERE a.customer_id = ?")
                .param(UUID.fromString(customerId)).query(Long.class).single()).isZero();
        for (var event : outbox.forCustomer(brand.brandId(), UUID.fromString(customerId))) {
            assertThat(event.payload()).as(event.eventType()).doesNotContain("Jane").doesNotContain("1990-04-12").doesNotContain("555-555-5555");
        }
        JsonNode created = Http.JSON.readTree(outbox.forCustomer(brand.brandId(), UUID.fromString(customerId)).getFirst().payload());
        assertThat(created.get("event").stringValue()).isEqualTo("customer.created");
        assertThat(created.get("details").get("erased").booleanValue()).isTrue();
    }

    @Test
    void contactDataGivenWithTheKycIsSavedAndAnnouncedWithTheWholeCustomer() {
        Brand brand = newBrand();
        Map<String, Object> body = customerBody();
        body.remove("email");
        String customerId = createCustomer(brand, body);
        assertThat(startKyc(brand, customerId, "123-45-6789").status()).isEqualTo(201);

        var updated = outbox.forCustomer(brand.brandId(), UUID.fromString(customerId)).stream()
                .filter(e -> e.eventType().equals("customer.updated")).toList();
        assertThat(updated).hasSize(1);
        JsonNode details = Http.JSON.readTree(updated.getFirst().payload()).get("details");
        assertThat(details.get("email").stringValue()).isEqualTo("jane@example.com");
        assertThat(details.get("addresses")).hasSize(1);
        assertThat(details.get("addresses").get(0).get("street").stringValue()).isEqualTo("100 Congress Ave");
        assertThat(brand.api().get("/api/v0.1/customers/" + customerId).json().get("email").stringValue()).isEqualTo("jane@example.com");
    }

    @Test
    void aPassedCustomerIsLocked() {
        Brand brand = newBrand();
        String customerId = customerWithoutSsn(brand);
        startKyc(brand, customerId, "123-45-6780");
        awaitKycStatus(brand, customerId, "passed");
        String base = "/api/v0.1/customers/" + customerId;

        Http.Response rename = brand.api().patch(base, Map.of("first_name", "Joan"));
        assertThat(rename.status()).isEqualTo(409);
        assertThat(rename.json().get("Code").stringValue()).isEqualTo("kyc_customer");
        assertThat(rename.json().get("Message").stringValue()).isEqualTo("A successfully KYC'd customer may not have their information changed.");
        assertThat(brand.api().patch(base, Map.of("ssn", "123-45-6781")).status()).isEqualTo(409);
        assertThat(brand.api().patch(base, Map.of("email", "new@example.com", "phone", "555-000-1234", "first_name", "Jane")).status())
                .isEqualTo(200);
        assertThat(brand.api().delete(base).json().get("Code").stringValue()).isEqualTo("kyc_customer");

        String primary = brand.api().get(base).json().get("addresses").get(0).get("address_id").stringValue();
        assertThat(brand.api().patch(base + "/addresses/" + primary, Map.of("street", "1 Other St")).status()).isEqualTo(409);
        Map<String, Object> mailing = address(false);
        mailing.put("address_type", "MAILING");
        Http.Response added = brand.api().post(base + "/addresses", mailing);
        assertThat(added.status()).isEqualTo(201);
        String second = added.json().get("address_id").stringValue();
        assertThat(brand.api().patch(base + "/addresses/" + second, Map.of("city", "Dallas")).status()).isEqualTo(200);
        assertThat(brand.api().patch(base + "/addresses/" + second, Map.of("is_primary", true)).status()).isEqualTo(409);
        assertThat(brand.api().delete(base + "/addresses/" + second).status()).isEqualTo(200);
        assertThat(brand.api().get(base).json().get("first_name").stringValue()).isEqualTo("Jane");
    }
}
