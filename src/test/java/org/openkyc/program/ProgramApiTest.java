package org.openkyc.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;

import tools.jackson.databind.JsonNode;

/** SPEC §3: programs and their KYC policy. */
class ProgramApiTest extends ApiTestBase {

    @Test
    void aNewProgramGetsTheDefaultPolicy() {
        Brand brand = newBrand();
        Http.Response response = brand.api().post("/api/v0.1/programs", Map.of("name", "Debit card"));
        assertThat(response.status()).isEqualTo(201);
        JsonNode policy = response.json().get("kyc_policy");
        assertThat(policy).isEqualTo(Http.JSON.readTree("""
                {"required_fields": ["ssn", "phone", "phone_country_code", "email"], "require_ip": false, "min_age": 18,
                 "max_kyc_attempts": 3, "document_deadline_days": 30, "watchlists": ["ofac_sdn", "ofac_consolidated"],
                 "watchlist_review_threshold": 0.85, "allowed_countries": ["US"]}"""));
        assertThat(response.json().get("is_default").booleanValue()).isFalse();

        JsonNode list = brand.api().get("/api/v0.1/programs").json();
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.get(0).get("program_id").stringValue()).isEqualTo(brand.programId().toString());
    }

    @Test
    void policyFieldsCanBeSetAndPatchedOneByOne() {
        Brand brand = newBrand();
        String id = brand.api().post("/api/v0.1/programs", Map.of("name", "Credit", "kyc_policy",
                Map.of("min_age", 21, "allowed_countries", List.of("US", "PR"), "require_ip", true))).json().get("program_id").stringValue();

        Http.Response patched = brand.api().patch("/api/v0.1/programs/" + id, Map.of("kyc_policy", Map.of("max_kyc_attempts", 5)));
        assertThat(patched.status()).isEqualTo(200);
        JsonNode policy = patched.json().get("kyc_policy");
        assertThat(policy.get("min_age").intValue()).isEqualTo(21);
        assertThat(policy.get("require_ip").booleanValue()).isTrue();
        assertThat(policy.get("max_kyc_attempts").intValue()).isEqualTo(5);
        assertThat(policy.get("allowed_countries").toString()).isEqualTo("[\"US\",\"PR\"]");
        assertThat(patched.json().get("name").stringValue()).isEqualTo("Credit");
        assertThat(brand.api().get("/api/v0.1/programs/" + id).json()).isEqualTo(patched.json());
    }

    @Test
    void badPoliciesAreSchemaErrorsAndChangeNothing() {
        Brand brand = newBrand();
        Http.Response response = brand.api().post("/api/v0.1/programs", Map.of("kyc_policy", Map.of(
                "min_age", -1, "required_fields", List.of("ssn", "shoe_size"), "watchlists", List.of("interpol"),
                "watchlist_review_threshold", 1.5, "allowed_countries", List.of("ZZ"), "max_kyc_attempts", "three", "colour", 1)));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(Http.JSON.readTree("""
                {"Message": {"name": ["Missing data for required field."],
                   "kyc_policy": {"required_fields": {"1": ["Must be one of: ssn, phone, phone_country_code, email, ip."]},
                                  "min_age": ["Must be greater than or equal to 0 and less than or equal to 125."],
                                  "max_kyc_attempts": ["Not a valid integer."],
                                  "watchlists": {"0": ["Must be one of: ofac_sdn, ofac_consolidated."]},
                                  "watchlist_review_threshold": ["Must be greater than 0 and less than or equal to 1."],
                                  "allowed_countries": {"0": ["Not a valid ISO 3166-1 alpha-2 country code."]},
                                  "colour": ["Unknown field."]}},
                 "Status": 400, "Code": "create_program_schema", "Type": "Request Error"}"""));
        assertThat(brand.api().get("/api/v0.1/programs").json().size()).isEqualTo(1);

        Http.Response patch = brand.api().patch("/api/v0.1/programs/" + brand.programId(), Map.of("name", "", "kyc_policy", "strict"));
        assertThat(patch.status()).isEqualTo(400);
        assertThat(patch.json().get("Code").stringValue()).isEqualTo("edit_program_schema");
        assertThat(brand.api().get("/api/v0.1/programs/" + brand.programId()).json().get("name").stringValue()).isEqualTo("Default program");
    }

    @Test
    void unknownProgramsAre404() {
        Brand brand = newBrand();
        Http.Response response = brand.api().get("/api/v0.1/programs/" + java.util.UUID.randomUUID());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("Code").stringValue()).isEqualTo("program_dne");
    }
}
