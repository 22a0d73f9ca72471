package org.openkyc.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;

import tools.jackson.databind.JsonNode;

/** SPEC §7.1: subscriptions over HTTP. */
class WebhookApiTest extends ApiTestBase {

    @Test
    void createExpandsWildcardsAndReturnsTheSecret() {
        Brand brand = newBrand();
        Http.Response response = brand.api().post("/api/v0.1/webhooks", Map.of("url", "https://hooks.example.com/kyc",
                "description", "KYC outcomes", "events", List.of("kyc.*", "customer.created")));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode hook = response.json();
        assertThat(hook.propertyNames()).containsExactly("webhook_id", "url", "description", "events", "version", "status", "secret",
                "date_created", "date_updated");
        assertThat(hook.get("events").valueStream().map(JsonNode::stringValue).toList()).containsExactly(
                "kyc.verification.submitted", "kyc.verification.success", "kyc.verification.failure", "kyc.verification.error",
                "kyc.verification.timeout", "kyc.verification.document_required", "kyc.verification.reenter_information",
                "kyc.verification.under_review", "customer.created");
        assertThat(hook.get("status").stringValue()).isEqualTo("STATUS_ENABLED");
        assertThat(hook.get("version").stringValue()).isEqualTo("0.1");
        assertThat(hook.get("secret").stringValue()).matches("whsec_[A-Za-z0-9+/]{32}");

        String id = hook.get("webhook_id").stringValue();
        assertThat(brand.api().get("/api/v0.1/webhooks").json().get(0)).isEqualTo(hook);
        Http.Response patched = brand.api().patch("/api/v0.1/webhooks/" + id, Map.of("events", List.of("customer.*"), "status", "STATUS_DISABLED"));
        assertThat(patched.json().get("events").size()).isEqualTo(3);
        assertThat(patched.json().get("status").stringValue()).isEqualTo("STATUS_DISABLED");
        assertThat(patched.json().get("secret")).isEqualTo(hook.get("secret"));

        Http.Response deleted = brand.api().delete("/api/v0.1/webhooks/" + id);
        assertThat(deleted.json().get("webhook_id").stringValue()).isEqualTo(id);
        assertThat(brand.api().get("/api/v0.1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT secret_enc FROM webhook WHERE webhook_id = ?").param(UUID.fromString(id)).query(String.class).single())
                .doesNotContain(hook.get("secret").stringValue());
    }

    @Test
    void badSubscriptionsAreSchemaErrors() {
        Brand brand = newBrand();
        Http.Response response = brand.api().post("/api/v0.1/webhooks", Map.of("url", "ftp://example.com/x",
                "events", List.of("kyc.verification.success", "kyc.nothing", "bogus.*"), "status", "ON", "extra", 1));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(Http.JSON.readTree("""
                {"Message": {"url": ["Not a valid URL."], "events": {"1": ["Unknown event: kyc.nothing."], "2": ["Unknown event: bogus.*."]},
                             "status": ["Must be one of: STATUS_ENABLED, STATUS_DISABLED."], "extra": ["Unknown field."]},
                 "Status": 400, "Code": "create_webhook_schema", "Type": "Request Error"}"""));
        assertThat(brand.api().post("/api/v0.1/webhooks", Map.of("url", "https://x.example", "events", List.of())).json()
                .get("Message").get("events").get(0).stringValue()).isEqualTo("Shorter than minimum length 1.");
        assertThat(brand.api().post("/api/v0.1/webhooks", Map.of("events", List.of("*"))).json().get("Message").get("url").get(0).stringValue())
                .isEqualTo("Missing data for required field.");
        assertThat(brand.api().get("/api/v0.1/webhooks").json().size()).isZero();
    }

    @Test
    void rotationKeepsTheOldSecretForADay() {
        Brand brand = newBrand();
        JsonNode hook = brand.api().post("/api/v0.1/webhooks", Map.of("url", "https://hooks.example.com", "events", List.of("*"))).json();
        JsonNode rotated = brand.api().post("/api/v0.1/webhooks/" + hook.get("webhook_id").stringValue() + "/rotate-secret", Map.of()).json();
        assertThat(rotated.get("secret").stringValue()).startsWith("whsec_").isNotEqualTo(hook.get("secret").stringValue());
        Long overlapHours = jdbc.sql("SELECT previous_secret_until FROM webhook WHERE webhook_id = ?")
                .param(UUID.fromString(hook.get("webhook_id").stringValue())).query(java.time.OffsetDateTime.class).optional()
                .map(until -> java.time.Duration.between(java.time.OffsetDateTime.now(), until).toHours()).orElse(-1L);
        assertThat(overlapHours).isBetween(23L, 24L);
    }

    @Test
    void anotherBrandsSubscriptionsAreNotFound() {
        Brand owner = newBrand();
        Brand other = newBrand();
        String id = owner.api().post("/api/v0.1/webhooks", Map.of("url", "https://hooks.example.com", "events", List.of("*")))
                .json().get("webhook_id").stringValue();
        for (Http.Response r : List.of(other.api().get("/api/v0.1/webhooks/" + id), other.api().patch("/api/v0.1/webhooks/" + id, Map.of("url", "https://evil.example")),
                other.api().delete("/api/v0.1/webhooks/" + id), other.api().post("/api/v0.1/webhooks/" + id + "/rotate-secret", Map.of()),
                other.api().get("/api/v0.1/webhooks/" + id + "/deliveries"), other.api().post("/api/v0.1/webhooks/" + id + "/test", Map.of()))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.json().get("Code").stringValue()).isEqualTo("webhook_dne");
        }
        assertThat(other.api().get("/api/v0.1/webhooks").body()).doesNotContain(id);
        assertThat(owner.api().get("/api/v0.1/webhooks/" + id).json().get("url").stringValue()).isEqualTo("https://hooks.example.com");
    }
}
