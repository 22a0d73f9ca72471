package org.openkyc.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;

import tools.jackson.databind.JsonNode;

/** SPEC §5.4: document uploads, checked by content, stored encrypted, moving the attempt on when complete. */
class KycDocumentsTest extends ApiTestBase {

    static final byte[] PNG = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    static final byte[] PDF = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF".getBytes();
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0};
    static final byte[] HEIC = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0};

    static Map<String, Object> file(String name, byte[] content) {
        return Map.of("file_name", name, "image", Base64.getEncoder().encodeToString(content));
    }

    private long filesOf(String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM kyc_document_file f JOIN kyc_attempt a ON a.kyc_id = f.kyc_id WHERE a.customer_id = ?")
                .param(UUID.fromString(customerId)).query(Long.class).single();
    }

    private String documentsPath(String customerId) {
        return "/api/v0.1/customers/" + customerId + "/verification-kyc/documents";
    }

    private String waitingCustomer(Brand brand, String ssn) {
        Map<String, Object> body = customerBody();
        body.remove("ssn");
        String customerId = createCustomer(brand, body);
        startKyc(brand, customerId, ssn);
        awaitKycStatus(brand, customerId, "document_required");
        return customerId;
    }

    @Test
    void allRequestedDocumentsMoveTheAttemptToReview() {
        Brand brand = newBrand();
        String customerId = waitingCustomer(brand, "444-44-4444");

        Http.Response first = brand.api().post(documentsPath(customerId), Map.of(
                "government_id", Map.of("type", "drivers_license", "country", "US", "front_image", file("front.jpg", JPEG), "back_image", file("back.png", PNG)),
                "social_security_card", file("ssn.heic", HEIC)));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json()).isEqualTo(Http.JSON.readTree("{\"customer_id\": \"" + customerId + "\", \"num_documents_submitted\": 2}"));
        JsonNode waiting = brand.api().get("/api/v0.1/customers/" + customerId + "/verification-kyc").json();
        assertThat(waiting.get("kyc_status").stringValue()).isEqualTo("document_required");
        assertThat(waiting.get("documents").toString()).contains("\"document_type\":\"proof_of_address\",\"status\":\"required\"")
                .contains("\"document_type\":\"government_id\",\"status\":\"submitted\"");

        Http.Response last = brand.api().post(documentsPath(customerId), Map.of(
                "proof_of_address", Map.of("type", "utility_bill", "file_name", "bill.pdf", "image", Base64.getEncoder().encodeToString(PDF))));
        assertThat(last.status()).isEqualTo(201);
        JsonNode review = brand.api().get("/api/v0.1/customers/" + customerId + "/verification-kyc").json();
        assertThat(review.get("kyc_status").stringValue()).isEqualTo("under_review");
        assertThat(kycEventTypes(customerId)).containsExactly("kyc.verification.submitted", "kyc.verification.document_required",
                "kyc.verification.under_review");
        assertThat(review.toString()).doesNotContain(Base64.getEncoder().encodeToString(PNG));

        List<Map<String, Object>> files = jdbc.sql("SELECT f.* FROM kyc_document_file f JOIN kyc_attempt a ON a.kyc_id = f.kyc_id WHERE a.customer_id = ?")
                .param(UUID.fromString(customerId)).query().listOfRows();
        assertThat(files).hasSize(4);
        assertThat(files).extracting(r -> r.get("content_type")).containsExactlyInAnyOrder("image/jpeg", "image/png", "image/heic", "application/pdf");
        for (Map<String, Object> row : files) {
            String stored = new String((byte[]) row.get("content"));
            assertThat(stored).startsWith("v1:").doesNotContain("PNG").doesNotContain("%PDF");
        }
    }

    @Test
    void contentDecidesTheTypeNotTheName() {
        Brand brand = newBrand();
        String customerId = waitingCustomer(brand, "333-33-3333");
        Http.Response response = brand.api().post(documentsPath(customerId), Map.of(
                "government_id", Map.of("type", "passport", "front_image", file("passport.png", "MZ\u0090 not an image".getBytes()))));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(Http.JSON.readTree("""
                {"Message": {"government_id": {"front_image": {"image": ["File must be a JPEG, PNG, HEIC or PDF (checked by content)."]}}},
                 "Status": 400, "Code": "kyc_documents_schema", "Type": "Request Error"}"""));
        assertThat(filesOf(customerId)).isZero();
    }

    @Test
    void badBodiesAreSchemaErrorsAndStoreNothing() {
        Brand brand = newBrand();
        String customerId = waitingCustomer(brand, "333-33-3333");
        Http.Response response = brand.api().post(documentsPath(customerId), Map.of(
                "government_id", Map.of("type", "library_card", "front_image", Map.of("file_name", "", "image", "%%%not base64")),
                "proof_of_address", Map.of("type", "utility_bill", "file_name", "bill.pdf", "image", Base64.getEncoder().encodeToString(PDF)),
                "selfie", Map.of()));
        assertThat(response.status()).isEqualTo(400);
        JsonNode message = response.json().get("Message");
        assertThat(message.get("government_id").get("type").get(0).stringValue()).startsWith("Must be one of: drivers_license");
        assertThat(message.get("government_id").get("front_image").get("file_name").get(0).stringValue()).isEqualTo("Length must be between 1 and 255.");
        assertThat(message.get("government_id").get("front_image").get("image").get(0).stringValue()).isEqualTo("Not a valid base64 string.");
        assertThat(message.get("proof_of_address").get(0).stringValue()).isEqualTo("This document was not requested.");
        assertThat(message.get("selfie").get(0).stringValue()).isEqualTo("Unknown field.");
        assertThat(brand.api().post(documentsPath(customerId), Map.of()).json().get("Message").get("_schema").get(0).stringValue())
                .startsWith("Send at least one of the requested documents");
        assertThat(filesOf(customerId)).isZero();
        assertThat(awaitKycStatus(brand, customerId, "document_required").get("documents").get(0).get("status").stringValue()).isEqualTo("required");
    }

    @Test
    void filesOverTenMebibytesAreRefused() {
        Brand brand = newBrand();
        String customerId = waitingCustomer(brand, "333-33-3333");
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(PNG, 0, big, 0, PNG.length);
        Http.Response response = brand.api().post(documentsPath(customerId), Map.of(
                "government_id", Map.of("type", "passport", "front_image", file("big.png", big))));
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("Message").get("government_id").get("front_image").get("image").get(0).stringValue())
                .isEqualTo("File is larger than 10 MiB.");
    }

    @Test
    void documentsAreOnlyTakenWhileRequested() {
        Brand brand = newBrand();
        Map<String, Object> body = customerBody();
        String customerId = createCustomer(brand, body);
        Map<String, Object> upload = Map.of("government_id", Map.of("type", "passport", "front_image", file("p.png", PNG)));
        Http.Response none = brand.api().post(documentsPath(customerId), upload);
        assertThat(none.status()).isEqualTo(409);
        assertThat(none.json().get("Code").stringValue()).isEqualTo("kyc_documents_not_requested");
        startKyc(brand, customerId, "123-45-6780");
        awaitKycStatus(brand, customerId, "passed");
        assertThat(brand.api().post(documentsPath(customerId), upload).json().get("Code").stringValue()).isEqualTo("kyc_documents_not_requested");
    }
}
