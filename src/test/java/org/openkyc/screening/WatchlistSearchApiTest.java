package org.openkyc.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v0.1/watchlist/search} refusals (SPEC §9, §1.1): every schema error in the
 * envelope with {@code watchlist_search_schema}, credentials, and 503 while no lists are in
 * service (sandbox mode with the lists turned off). The answers with lists in service are in
 * {@link WatchlistSearchLiveTest}.
 */
@TestPropertySource(properties = "openkyc.screening.enabled=false")
class WatchlistSearchApiTest extends ApiTestBase {

    private static final String SEARCH = "/api/v0.1/watchlist/search";

    private static JsonNode schemaError(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("X-Request-Id")).isNotBlank();
        JsonNode body = response.json();
        assertThat(body.get("Code").stringValue()).isEqualTo("watchlist_search_schema");
        assertThat(body.get("Type").stringValue()).isEqualTo("Request Error");
        assertThat(body.get("Status").intValue()).isEqualTo(400);
        return body.get("Message");
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    @Test
    void everySchemaErrorIsReportedAtOnceWithMarshmallowsWording() {
        Brand brand = newBrand();
        Map<String, Object> bad = body("name", 42, "dob", "1960-02-30", "type", "person", "limit", 0, "min_score", 1.5, "list", "SDN");
        assertThat(schemaError(brand.api().post(SEARCH, bad))).isEqualTo(Http.JSON.readTree("""
                {"name": ["Not a valid string."], "dob": ["Not a valid date."],
                 "type": ["Must be one of: individual, entity, vessel, aircraft."],
                 "limit": ["Must be greater than or equal to 1 and less than or equal to 100."],
                 "min_score": ["Must be greater than or equal to 0 and less than or equal to 1."],
                 "list": ["Unknown field."]}"""));
    }

    @Test
    void eachFieldRefusesWhatItCannotTake() {
        Brand brand = newBrand();
        record Case(Map<String, Object> body, String field, String message) {
        }
        List<Case> cases = List.of(
                new Case(body(), "name", "Missing data for required field."),
                new Case(body("name", null), "name", "Field may not be null."),
                new Case(body("name", ""), "name", "Length must be between 1 and 200."),
                new Case(body("name", "x".repeat(201)), "name", "Length must be between 1 and 200."),
                new Case(body("name", List.of("Ali")), "name", "Not a valid string."),
                new Case(body("name", "A\u0000li"), "name", "Not a valid string."),
                new Case(body("name", "Ali", "dob", null), "dob", "Field may not be null."),
                new Case(body("name", "Ali", "dob", "12/01/1960"), "dob", "Not a valid date."),
                new Case(body("name", "Ali", "dob", 19600101), "dob", "Not a valid date."),
                new Case(body("name", "Ali", "type", null), "type", "Field may not be null."),
                new Case(body("name", "Ali", "type", "INDIVIDUAL"), "type", "Must be one of: individual, entity, vessel, aircraft."),
                new Case(body("name", "Ali", "type", 1), "type", "Not a valid string."),
                new Case(body("name", "Ali", "limit", null), "limit", "Field may not be null."),
                new Case(body("name", "Ali", "limit", 101), "limit", "Must be greater than or equal to 1 and less than or equal to 100."),
                new Case(body("name", "Ali", "limit", 2.5), "limit", "Not a valid integer."),
                new Case(body("name", "Ali", "limit", "10"), "limit", "Not a valid integer."),
                new Case(body("name", "Ali", "min_score", null), "min_score", "Field may not be null."),
                new Case(body("name", "Ali", "min_score", -0.1), "min_score", "Must be greater than or equal to 0 and less than or equal to 1."),
                new Case(body("name", "Ali", "min_score", "0.9"), "min_score", "Not a valid number."),
                new Case(body("name", "Ali", "score", 0.9), "score", "Unknown field."));
        for (Case c : cases) {
            JsonNode message = schemaError(brand.api().post(SEARCH, c.body()));
            assertThat(message.propertyNames()).as(c.toString()).containsExactly(c.field());
            assertThat(message.get(c.field()).get(0).stringValue()).as(c.toString()).isEqualTo(c.message());
        }
        assertThat(schemaError(brand.api().post(SEARCH, List.of("Ali"))).get("_schema").get(0).stringValue()).isEqualTo("Invalid input type.");
        Http.Response malformed = brand.api().send("POST", SEARCH, "{\"name\": ", "application/json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("Code").stringValue()).isEqualTo("invalid_request");
        assertThat(brand.api().send("POST", SEARCH, "name=Ali", "text/plain").status()).isEqualTo(415);
    }

    @Test
    void noListsInServiceAnswers503InTheEnvelope() {
        Brand brand = newBrand();
        Http.Response response = brand.api().post(SEARCH, body("name", "Ali", "dob", "1960-01-01", "type", "individual", "limit", 5, "min_score", 0.8));
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.header("X-Request-Id")).isNotBlank();
        JsonNode body = response.json();
        assertThat(body.get("Code").stringValue()).isEqualTo("watchlists_unavailable");
        assertThat(body.get("Type").stringValue()).isEqualTo("Process Error");
        assertThat(body.get("Status").intValue()).isEqualTo(503);
    }

    @Test
    void onlyAuthenticatedBrandsMaySearch() {
        Http.Response anonymous = anonymous().post(SEARCH, body("name", "Ali"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("Code").stringValue()).isEqualTo("auth_err");
        Brand brand = newBrand();
        Http.Response wrong = new Http(port).with("Identity", brand.identity()).with("Authorization", "x".repeat(64))
                .post(SEARCH, body("name", "Ali"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(anonymous().get("/api/v0.1/watchlist/search").status()).as("unknown to anonymous callers").isEqualTo(401);
    }

    @Test
    void theRouteIsInTheOpenApiDocument() {
        JsonNode docs = anonymous().get("/v3/api-docs").json();
        JsonNode post = docs.get("paths").get(SEARCH).get("post");
        assertThat(post.get("requestBody").get("required").booleanValue()).isTrue();
        assertThat(post.get("requestBody").toString()).contains("WatchlistSearchRequest");
        assertThat(post.get("responses").has("400")).isTrue();
        assertThat(post.get("responses").has("503")).isTrue();
        JsonNode request = docs.get("components").get("schemas").get("WatchlistSearchRequest");
        assertThat(request.get("required").valueStream().map(JsonNode::stringValue).toList()).containsExactly("name");
        assertThat(request.get("properties").propertyNames()).containsExactlyInAnyOrder("name", "dob", "type", "limit", "min_score");
        assertThat(docs.get("components").get("schemas").get("WatchlistSearchResult").get("properties").propertyNames())
                .contains("score", "matched_name", "list", "entry", "reason");
    }
}
