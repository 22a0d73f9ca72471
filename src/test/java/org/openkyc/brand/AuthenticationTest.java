package org.openkyc.brand;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;

import tools.jackson.databind.JsonNode;

/** SPEC §2: keys, their secrets, deactivation, the operator API and GET /auth/key. */
class AuthenticationTest extends ApiTestBase {

    @Test
    void adminCreatesABrandThatCanCallAtOnce() {
        Http.Response response = admin().post("/admin/brands", Map.of("name", "Acme Card Co"));
        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("brand_id", "name", "identity", "authorization", "program_id");
        assertThat(body.get("name").stringValue()).isEqualTo("Acme Card Co");
        assertThat(body.get("authorization").stringValue()).matches("[A-Za-z0-9_-]{64}");

        Http api = anonymous().with("Identity", body.get("identity").stringValue()).with("Authorization", body.get("authorization").stringValue());
        assertThat(api.get("/api/v0.1/customers").status()).isEqualTo(200);
        JsonNode program = api.get("/api/v0.1/programs/" + body.get("program_id").stringValue()).json();
        assertThat(program.get("is_default").booleanValue()).isTrue();
    }

    @Test
    void secretsAreStoredOnlyAsTheirHash() {
        Brand brand = newBrand();
        String stored = jdbc.sql("SELECT secret_sha256 FROM api_key WHERE identity = ?").param(UUID.fromString(brand.identity()))
                .query(String.class).single();
        assertThat(stored).isNotEqualTo(brand.authorization()).doesNotContain(brand.authorization());
        assertThat(stored).isEqualTo(HexFormat.of().formatHex(Brands.sha256(brand.authorization())));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_key WHERE secret_sha256 LIKE ?").param("%" + brand.authorization() + "%")
                .query(Long.class).single()).isZero();
    }

    @Test
    void adminApiNeedsTheOperatorToken() {
        assertThat(anonymous().post("/admin/brands", Map.of("name", "x")).status()).isEqualTo(401);
        assertThat(anonymous().with("X-Admin-Token", "wrong").post("/admin/brands", Map.of("name", "x")).json().get("Code").stringValue())
                .isEqualTo("auth_err");
        Brand brand = newBrand();
        // a brand's own key is no admin credential
        assertThat(brand.api().post("/admin/brands", Map.of("name", "x")).status()).isEqualTo(401);
        Http.Response invalid = admin().post("/admin/brands", Map.of("name", ""));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("Code").stringValue()).isEqualTo("create_brand_schema");
    }

    @Test
    void aSecondKeyWorksAndADeactivatedKeyIs401() {
        Brand brand = newBrand();
        Http.Response created = admin().post("/admin/brands/" + brand.brandId() + "/keys", Map.of("name", "backend"));
        assertThat(created.status()).isEqualTo(201);
        String identity = created.json().get("identity").stringValue();
        Http second = anonymous().with("Identity", identity).with("Authorization", created.json().get("authorization").stringValue());
        assertThat(second.get("/api/v0.1/customers").status()).isEqualTo(200);

        Http.Response deactivated = admin().post("/admin/keys/" + identity + "/deactivate", Map.of());
        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.json().get("status").stringValue()).isEqualTo("inactive");
        Http.Response refused = second.get("/api/v0.1/customers");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("Code").stringValue()).isEqualTo("auth_err");
        assertThat(brand.api().get("/api/v0.1/customers").status()).as("the other key still works").isEqualTo(200);

        assertThat(admin().post("/admin/keys/" + UUID.randomUUID() + "/deactivate", Map.of()).status()).isEqualTo(404);
        assertThat(admin().post("/admin/brands/" + UUID.randomUUID() + "/keys", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void keyInfoShowsOwnKeysWithoutTheSecret() {
        Brand brand = newBrand();
        Http.Response response = brand.api().get("/api/v0.1/auth/key/" + brand.identity());
        assertThat(response.status()).isEqualTo(200);
        JsonNode key = response.json();
        assertThat(key.propertyNames()).containsExactlyInAnyOrder("identity", "brand_id", "name", "date_created", "status", "expires_at");
        assertThat(key.get("brand_id").stringValue()).isEqualTo(brand.brandId().toString());
        assertThat(key.get("status").stringValue()).isEqualTo("active");
        assertThat(response.body()).doesNotContain(brand.authorization());

        Brand other = newBrand();
        Http.Response foreign = brand.api().get("/api/v0.1/auth/key/" + other.identity());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().get("Code").stringValue()).isEqualTo("key_dne");
    }

    @Test
    void unknownIdentityAndWrongSecretCostTheSameWork() {
        // The comparison path is the same code for both (hash + constant-time compare against a
        // dummy hash when the identity is unknown); here we check both give the identical answer.
        Brand brand = newBrand();
        Http.Response wrongSecret = anonymous().with("Identity", brand.identity()).with("Authorization", "x".repeat(64)).get("/api/v0.1/customers");
        Http.Response unknownIdentity = anonymous().with("Identity", UUID.randomUUID().toString()).with("Authorization", brand.authorization())
                .get("/api/v0.1/customers");
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(unknownIdentity.status()).isEqualTo(401);
        assertThat(wrongSecret.body()).isEqualTo(unknownIdentity.body());
    }
}
