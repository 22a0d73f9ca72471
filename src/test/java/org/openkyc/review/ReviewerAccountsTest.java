package org.openkyc.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;

import tools.jackson.databind.JsonNode;

/**
 * Reviewer accounts through the operator API, and the review API's token authentication: the
 * brand API and the review API never take each other's credentials.
 */
class ReviewerAccountsTest extends ApiTestBase {

    private JsonNode createReviewer(String username, String role, UUID brand) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("username", username);
        body.put("role", role);
        if (brand != null) {
            body.put("brand_id", brand.toString());
        }
        Http.Response response = admin().post("/admin/reviewers", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private String token(JsonNode reviewer) {
        Http.Response response = admin().post("/admin/reviewers/" + reviewer.get("reviewer_id").stringValue() + "/tokens", Map.of("name", "script"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("token").stringValue();
    }

    private Http reviewApi(String token) {
        return anonymous().with("Authorization", "Bearer " + token);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void operatorCreatesAReviewerWithAGeneratedPasswordStoredAsBcrypt() {
        Brand brand = newBrand();
        String username = unique("Alice");
        JsonNode created = createReviewer(username, "reviewer", brand.brandId());
        assertThat(created.get("username").stringValue()).isEqualTo(username.toLowerCase());
        assertThat(created.get("role").stringValue()).isEqualTo("reviewer");
        assertThat(created.get("brand_id").stringValue()).isEqualTo(brand.brandId().toString());
        String password = created.get("password").stringValue();
        assertThat(password).hasSizeGreaterThanOrEqualTo(12);
        String stored = jdbc.sql("SELECT password_bcrypt FROM reviewer WHERE username = ?").param(username.toLowerCase()).query(String.class).single();
        assertThat(stored).startsWith("$2").doesNotContain(password);

        JsonNode list = admin().get("/admin/reviewers").json().get("reviewers");
        assertThat(list.findValuesAsString("username")).contains(username.toLowerCase());
        assertThat(list.toString()).doesNotContain(password).doesNotContain("$2");
    }

    @Test
    void badAccountsAreRefusedInTheEnvelopeAndWriteNothing() {
        long before = count("reviewer");
        Http.Response bad = admin().post("/admin/reviewers", Map.of("username", "x", "role", "boss", "password", "short",
                "brand_id", UUID.randomUUID().toString()));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("X-Request-Id")).isNotBlank();
        JsonNode error = bad.json();
        assertThat(error.get("Code").stringValue()).isEqualTo("create_reviewer_schema");
        assertThat(error.get("Message").has("username")).isTrue();
        assertThat(error.get("Message").has("role")).isTrue();
        assertThat(error.get("Message").has("password")).isTrue();
        assertThat(error.get("Message").has("brand_id")).isTrue();

        Http.Response unknownField = admin().post("/admin/reviewers", Map.of("username", "bob-ok", "role", "reviewer", "admin", true));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("Message").has("admin")).isTrue();

        String username = unique("carol");
        createReviewer(username, "supervisor", null);
        Http.Response again = admin().post("/admin/reviewers", Map.of("username", username.toUpperCase(), "role", "reviewer"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("Code").stringValue()).isEqualTo("reviewer_exists");
        assertThat(count("reviewer")).isEqualTo(before + 1);

        Http.Response noToken = anonymous().post("/admin/reviewers", Map.of("username", unique("dave"), "role", "reviewer"));
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(count("reviewer")).isEqualTo(before + 1);
    }

    @Test
    void aTokenOpensTheReviewApiAndNothingElse() {
        Brand brand = newBrand();
        JsonNode reviewer = createReviewer(unique("erin"), "supervisor", null);
        String token = token(reviewer);
        assertThat(token).startsWith("rvt_");
        assertThat(jdbc.sql("SELECT secret_sha256 FROM reviewer_token").query(String.class).list())
                .noneMatch(stored -> token.contains(stored));

        Http.Response me = reviewApi(token).get("/api/v0.1/review/me");
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("username").stringValue()).isEqualTo(reviewer.get("username").stringValue());
        assertThat(me.json().get("role").stringValue()).isEqualTo("supervisor");

        // The reviewer's token on the brand API: refused like any bad key.
        Http.Response customers = reviewApi(token).get("/api/v0.1/customers");
        assertThat(customers.status()).isEqualTo(401);
        assertThat(customers.json().get("Code").stringValue()).isEqualTo("auth_err");
        // The brand's key on the review API: refused in the envelope, with a request id.
        Http.Response withKey = brand.api().get("/api/v0.1/review/me");
        assertThat(withKey.status()).isEqualTo(401);
        assertThat(withKey.json().get("Code").stringValue()).isEqualTo("auth_err");
        assertThat(withKey.header("X-Request-Id")).isNotBlank();
        // A wrong secret with a real token id, and garbage.
        Http.Response wrong = reviewApi(token.substring(0, token.length() - 4) + "AAAA").get("/api/v0.1/review/me");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("Type").stringValue()).isEqualTo("Request Error");
        assertThat(reviewApi("rvt_zz").get("/api/v0.1/review/me").status()).isEqualTo(401);
        assertThat(anonymous().get("/api/v0.1/review/me").status()).isEqualTo(401);
        // The brand API through the review prefix: routed by the normalized path, so still the brand's authentication.
        Http.Response around = reviewApi(token).get("/api/v0.1/review/../customers");
        assertThat(around.status()).isIn(400, 401);
    }

    @Test
    void deactivationEndsTheTokens() {
        JsonNode reviewer = createReviewer(unique("frank"), "reviewer", null);
        String token = token(reviewer);
        assertThat(reviewApi(token).get("/api/v0.1/review/me").status()).isEqualTo(200);
        Http.Response off = admin().post("/admin/reviewers/" + reviewer.get("reviewer_id").stringValue() + "/deactivate", Map.of());
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.json().get("status").stringValue()).isEqualTo("inactive");
        assertThat(reviewApi(token).get("/api/v0.1/review/me").status()).isEqualTo(401);
        Http.Response newToken = admin().post("/admin/reviewers/" + reviewer.get("reviewer_id").stringValue() + "/tokens", Map.of());
        assertThat(newToken.status()).isEqualTo(404);
        assertThat(admin().post("/admin/reviewers/" + UUID.randomUUID() + "/deactivate", Map.of()).status()).isEqualTo(404);
        assertThat(admin().post("/admin/reviewers/not-an-id/deactivate", Map.of()).status()).isEqualTo(404);
    }
}
