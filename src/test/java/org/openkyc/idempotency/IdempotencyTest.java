package org.openkyc.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;

import tools.jackson.databind.JsonNode;

/** SPEC §6 over HTTP: one execution per key, the Bond conflict body, no claim on refusals. */
class IdempotencyTest extends ApiTestBase {

    private String kycBody(Brand brand, String ssn) {
        return "{\"program_id\": \"" + brand.programId() + "\", \"ssn\": \"" + ssn + "\"}";
    }

    private Http.Response post(Brand brand, String key, String path, String body) {
        return brand.api().with("Idempotency-Key", key).send("POST", path, body, "application/json");
    }

    @Test
    void aRepeatedKeyExecutesNothingAndReturnsTheOriginalResponse() {
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        String path = "/api/v0.1/customers/" + customerId + "/verification-kyc";
        Http.Response first = post(brand, "kyc-attempt-1", path, kycBody(brand, "000-00-0000"));
        assertThat(first.status()).isEqualTo(201);

        // same payload with keys reordered and other spacing: still the same request
        Http.Response again = post(brand, "kyc-attempt-1", path, "{ \"ssn\":\"000-00-0000\",  \"program_id\":\"" + brand.programId() + "\" }");
        assertThat(again.status()).isEqualTo(409);
        JsonNode body = again.json();
        assertThat(body.propertyNames()).containsExactly("type", "code", "message", "original_request_at", "payload_matches", "original_response");
        assertThat(body.get("type").stringValue()).isEqualTo("RESOURCE_CONFLICT");
        assertThat(body.get("code").stringValue()).isEqualTo("idempotency_key_exists");
        assertThat(body.get("message").stringValue()).isEqualTo("A request was made with this idempotency key in the past 24 hours");
        assertThat(body.get("original_request_at").stringValue()).matches("\\d{4}-\\d{2}-\\d{2}T.*\\+00:00");
        assertThat(body.get("payload_matches").booleanValue()).isTrue();
        assertThat(body.get("original_response").get("status").intValue()).isEqualTo(201);
        assertThat(body.get("original_response").get("body")).isEqualTo(first.json());

        Http.Response different = post(brand, "kyc-attempt-1", path, kycBody(brand, "111-11-1111"));
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.json().get("payload_matches").booleanValue()).isFalse();
        assertThat(different.json().has("original_response")).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM kyc_attempt WHERE customer_id = ?").param(UUID.fromString(customerId)).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void theKeyIsScopedToBrandMethodAndPath() {
        Brand brand = newBrand();
        Brand other = newBrand();
        assertThat(post(brand, "shared-key", "/api/v0.1/customers", Http.JSON.writeValueAsString(customerBody())).status()).isEqualTo(201);
        assertThat(post(other, "shared-key", "/api/v0.1/customers", Http.JSON.writeValueAsString(customerBody())).status()).isEqualTo(201);
        assertThat(post(brand, "shared-key", "/api/v0.1/programs", "{\"name\": \"P\"}").status()).isEqualTo(201);
        assertThat(post(brand, "shared-key", "/api/v0.1/customers/", Http.JSON.writeValueAsString(customerBody())).status())
                .as("a trailing slash is the same path").isEqualTo(409);
    }

    @Test
    void aKeyIsFreeAgainAfter24HoursEvenBeforeThePurge() {
        Brand brand = newBrand();
        String body = Http.JSON.writeValueAsString(customerBody());
        Http.Response first = post(brand, "daily-key", "/api/v0.1/customers", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(post(brand, "daily-key", "/api/v0.1/customers", body).status()).isEqualTo(409);
        jdbc.sql("UPDATE idempotency_key SET created_at = ? WHERE brand_id = ? AND idem_key = 'daily-key'")
                .params(java.time.OffsetDateTime.now().minusHours(25), brand.brandId()).update();

        Http.Response later = post(brand, "daily-key", "/api/v0.1/customers", body);
        assertThat(later.status()).isEqualTo(201);
        assertThat(later.json().get("customer_id")).isNotEqualTo(first.json().get("customer_id"));
        assertThat(post(brand, "daily-key", "/api/v0.1/customers", body).status()).isEqualTo(409);
    }

    @Test
    void refusedRequestsDoNotClaimTheKey() {
        Brand brand = newBrand();
        Map<String, Object> bad = customerBody();
        bad.put("dob", "not a date");
        Http.Response invalid = post(brand, "fix-and-retry", "/api/v0.1/customers", Http.JSON.writeValueAsString(bad));
        assertThat(invalid.status()).isEqualTo(400);
        Http.Response unauthenticated = anonymous().with("Idempotency-Key", "fix-and-retry")
                .send("POST", "/api/v0.1/customers", Http.JSON.writeValueAsString(customerBody()), "application/json");
        assertThat(unauthenticated.status()).isEqualTo(401);
        Http.Response fixed = post(brand, "fix-and-retry", "/api/v0.1/customers", Http.JSON.writeValueAsString(customerBody()));
        assertThat(fixed.status()).isEqualTo(201);
    }

    @Test
    void keysMustBePrintableAsciiUpTo255AndMayBeQuoted() {
        Brand brand = newBrand();
        for (String bad : new String[] {"k".repeat(256), "\"unterminated", "\"bad\"quote\""}) {
            Http.Response response = post(brand, bad, "/api/v0.1/programs", "{\"name\": \"P\"}");
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.json().get("Code").stringValue()).isEqualTo("invalid_idempotency_key");
        }
        assertThat(post(brand, "\"quoted key\"", "/api/v0.1/programs", "{\"name\": \"P\"}").status()).isEqualTo(201);
        assertThat(post(brand, "quoted key", "/api/v0.1/programs", "{\"name\": \"P\"}").status()).as("same key, unquoted").isEqualTo(409);
        assertThat(post(brand, "k".repeat(255), "/api/v0.1/programs", "{\"name\": \"P\"}").status()).isEqualTo(201);
    }

    @Test
    void aReplayNeverShowsASecretAgain() {
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        String body = "{\"customer_id\": \"" + customerId + "\"}";
        Http.Response first = post(brand, "temp-key", "/api/v0.1/auth/key/temporary", body);
        assertThat(first.status()).isEqualTo(201);
        Http.Response replay = post(brand, "temp-key", "/api/v0.1/auth/key/temporary", body);
        JsonNode original = replay.json().get("original_response").get("body");
        assertThat(original.get("Identity").stringValue()).isEqualTo(first.json().get("Identity").stringValue());
        assertThat(original.get("Authorization").stringValue()).isEqualTo("[redacted: shown once]");
        assertThat(replay.body()).doesNotContain(first.json().get("Authorization").stringValue());
    }

    @Test
    void absurdPathsWithAKeyAreStill404() {
        Brand brand = newBrand();
        Http.Response response = post(brand, "long", "/api/v0.1/customers/" + "x".repeat(600) + "/verification-kyc", "{}");
        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void keyParsing() {
        assertThat(IdempotencyKeys.parse("abc")).isEqualTo("abc");
        assertThat(IdempotencyKeys.parse("\"a\\\"b\\\\c\"")).isEqualTo("a\"b\\c");
        assertThat(IdempotencyKeys.parse("\"\"")).isNull();
        assertThat(IdempotencyKeys.parse("é")).isNull();
        assertThat(IdempotencyKeys.parse("\"a\\nb\"")).isNull();
        assertThat(IdempotencyKeys.parse(" padded ")).isEqualTo("padded");
    }
}
