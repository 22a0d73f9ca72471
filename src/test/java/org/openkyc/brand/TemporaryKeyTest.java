package org.openkyc.brand;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;

import tools.jackson.databind.JsonNode;

/** SPEC §2: a temporary key for one customer, 5 calls or 5 minutes. */
class TemporaryKeyTest extends ApiTestBase {

    private Http temporary(Brand brand, String customerId) {
        Http.Response response = brand.api().post("/api/v0.1/auth/key/temporary", Map.of("customer_id", customerId));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode key = response.json();
        assertThat(key.propertyNames()).containsExactly("Identity", "Authorization", "expires_at");
        return anonymous().with("Identity", key.get("Identity").stringValue()).with("Authorization", key.get("Authorization").stringValue());
    }

    @Test
    void worksOnlyOnItsCustomersKycRoutes() {
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        String other = createCustomer(brand, customerBody());
        Http key = temporary(brand, customerId);

        assertThat(key.get("/api/v0.1/customers/" + customerId).status()).isEqualTo(200);
        Http.Response start = key.post("/api/v0.1/customers/" + customerId + "/verification-kyc/", Map.of("program_id", brand.programId().toString()));
        assertThat(start.status()).isEqualTo(201);

        for (Http.Response refused : new Http.Response[] {
                key.get("/api/v0.1/customers/" + other), key.get("/api/v0.1/customers"), key.get("/api/v0.1/programs"),
                key.patch("/api/v0.1/customers/" + customerId, Map.of("email", "x@example.com")),
                key.post("/api/v0.1/auth/key/temporary", Map.of("customer_id", customerId))}) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.json().get("Code").stringValue()).isEqualTo("auth_err");
        }
    }

    @Test
    void fiveCallsAtMost() {
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        Http key = temporary(brand, customerId);
        for (int i = 0; i < 5; i++) {
            assertThat(key.get("/api/v0.1/customers/" + customerId).status()).isEqualTo(200);
        }
        assertThat(key.get("/api/v0.1/customers/" + customerId).status()).isEqualTo(401);
    }

    @Test
    void fiveMinutesAtMost() {
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        Http.Response created = brand.api().post("/api/v0.1/auth/key/temporary", Map.of("customer_id", customerId));
        Http key = anonymous().with("Identity", created.json().get("Identity").stringValue())
                .with("Authorization", created.json().get("Authorization").stringValue());
        assertThat(key.get("/api/v0.1/customers/" + customerId).status()).isEqualTo(200);
        // Five minutes pass (moving the clock of this one key rather than sleeping)
        jdbc.sql("UPDATE api_key SET expires_at = expires_at - INTERVAL '5' MINUTE WHERE identity = ?")
                .param(UUID.fromString(created.json().get("Identity").stringValue())).update();
        assertThat(key.get("/api/v0.1/customers/" + customerId).status()).isEqualTo(401);
    }

    @Test
    void onlyForTheBrandsOwnCustomers() {
        Brand brand = newBrand();
        String foreign = createCustomer(newBrand(), customerBody());
        Http.Response response = brand.api().post("/api/v0.1/auth/key/temporary", Map.of("customer_id", foreign));
        assertThat(response.status()).isEqualTo(404);
        Http.Response invalid = brand.api().post("/api/v0.1/auth/key/temporary", Map.of("customer_id", "x"));
        assertThat(invalid.json().get("Code").stringValue()).isEqualTo("temporary_key_schema");
    }
}
