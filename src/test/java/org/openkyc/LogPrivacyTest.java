package org.openkyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** SPEC §11.2: one line per request, and never an SSN, DOB, secret or request body in the logs. */
@ExtendWith(OutputCaptureExtension.class)
class LogPrivacyTest extends ApiTestBase {

    @Test
    void logsCarryRequestLinesButNoPersonalDataOrSecrets(CapturedOutput output) {
        Brand brand = newBrand();
        Map<String, Object> body = customerBody();
        body.put("ssn", "771-02-3344");
        body.put("dob", "1977-03-15");
        body.put("email", "very.private@example.com");
        String id = createCustomer(brand, body);
        brand.api().patch("/api/v0.1/customers/" + id, Map.of("ssn", "771023345", "dob", "1977-03-16"));
        brand.api().patch("/api/v0.1/customers/" + id, Map.of("ssn", "77-1023346"));
        brand.api().post("/api/v0.1/customers", "{\"ssn\": \"771-02-3347\", ");
        brand.api().get("/api/v0.1/customers/" + id);
        // a screening query is personal data too: neither its name nor its DOB is logged (SPEC §9)
        brand.api().post("/api/v0.1/watchlist/search", Map.of("name", "Zebulon Quillfeather", "dob", "1977-03-14", "type", "individual"));
        brand.api().post("/api/v0.1/watchlist/search", Map.of("name", "Zebulon Quillfeather", "dob", "1977-03-13", "limit", 0));
        Http.Response key = admin().post("/admin/brands/" + brand.brandId() + "/keys", Map.of("name", "k"));
        String secondSecret = key.json().get("authorization").stringValue();

        String logs = output.getAll();
        assertThat(logs).contains("POST /api/v0.1/customers 201").contains("PATCH /api/v0.1/customers/{customerId} 200")
                .contains("POST /api/v0.1/watchlist/search 400")
                .contains("brand_id=" + brand.brandId()).contains("request_id=");
        for (String secret : new String[] {"771-02-3344", "771023344", "771023345", "77-1023346", "771-02-3347", "1977-03-15",
                "1977-03-16", "very.private@example.com", "Zebulon", "Quillfeather",
                "1977-03-14", "1977-03-13", brand.authorization(), secondSecret, ADMIN_TOKEN}) {
            assertThat(logs).as("logs must not contain %s", secret).doesNotContain(secret);
        }
    }
}
