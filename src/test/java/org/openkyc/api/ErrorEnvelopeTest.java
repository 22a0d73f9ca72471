package org.openkyc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.springframework.test.context.ActiveProfiles;

import tools.jackson.databind.JsonNode;

/** SPEC §1 and §1.1: every error the server can produce comes in the envelope. */
@ActiveProfiles("fault-injection")
class ErrorEnvelopeTest extends ApiTestBase {

    private static void assertEnvelope(Http.Response response, int status, String code, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.get("Status").intValue()).isEqualTo(status);
        assertThat(body.get("Code").stringValue()).isEqualTo(code);
        assertThat(body.get("Type").stringValue()).isEqualTo(type);
        assertThat(body.has("Message")).isTrue();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at org.").doesNotContain("trace");
    }

    @Test
    void missingOrWrongCredentialsAre401() {
        Brand brand = newBrand();
        assertEnvelope(anonymous().get("/api/v0.1/customers"), 401, "auth_err", "Request Error");
        assertEnvelope(anonymous().with("Identity", brand.identity()).get("/api/v0.1/customers"), 401, "auth_err", "Request Error");
        assertEnvelope(anonymous().with("Identity", brand.identity()).with("Authorization", brand.authorization() + "x")
                .get("/api/v0.1/customers"), 401, "auth_err", "Request Error");
        assertEnvelope(anonymous().with("Identity", "not-a-uuid").with("Authorization", brand.authorization())
                .get("/api/v0.1/customers"), 401, "auth_err", "Request Error");
        assertEnvelope(anonymous().with("Identity", brand.identity()).with("Authorization", "Bearer " + brand.authorization())
                .get("/api/v0.1/customers"), 401, "auth_err", "Request Error");
        // unknown routes under the API need credentials first, like every API route
        assertEnvelope(anonymous().get("/api/v0.1/nothing-here"), 401, "auth_err", "Request Error");
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        Brand brand = newBrand();
        Http lower = anonymous().with("identity", brand.identity()).with("authorization", brand.authorization());
        assertThat(lower.get("/api/v0.1/customers").status()).isEqualTo(200);
    }

    @Test
    void unknownRoutesAre404() {
        Brand brand = newBrand();
        assertEnvelope(brand.api().get("/api/v0.1/nothing-here"), 404, "not_found", "Request Error");
        assertEnvelope(anonymous().get("/no/such/page"), 404, "not_found", "Request Error");
    }

    @Test
    void wrongMethodIs405() {
        Brand brand = newBrand();
        assertEnvelope(brand.api().send("PUT", "/api/v0.1/customers", "{}", "application/json"), 405, "method_not_allowed", "Request Error");
        assertEnvelope(brand.api().delete("/api/v0.1/programs"), 405, "method_not_allowed", "Request Error");
    }

    @Test
    void nonJsonBodiesAre415() {
        Brand brand = newBrand();
        assertEnvelope(brand.api().send("POST", "/api/v0.1/customers", "first_name=Jane", "application/x-www-form-urlencoded"),
                415, "unsupported_media_type", "Request Error");
        assertEnvelope(brand.api().send("POST", "/api/v0.1/customers", "{}", "text/plain"), 415, "unsupported_media_type", "Request Error");
        assertEnvelope(brand.api().send("POST", "/api/v0.1/customers", "{}", null), 415, "unsupported_media_type", "Request Error");
    }

    @Test
    void malformedJsonIs400InvalidRequest() {
        Brand brand = newBrand();
        for (String body : new String[] {"{", "{\"first_name\": }", "nul", "[1,2", "{\"a\":1}}"}) {
            assertEnvelope(brand.api().send("POST", "/api/v0.1/customers", body, "application/json"), 400, "invalid_request", "Request Error");
        }
        assertEnvelope(brand.api().send("POST", "/api/v0.1/customers", "", "application/json"), 400, "invalid_request", "Request Error");
    }

    @Test
    void bodiesThatAreNotObjectsAreSchemaErrors() {
        Brand brand = newBrand();
        Http.Response response = brand.api().send("POST", "/api/v0.1/customers", "[1, 2]", "application/json");
        assertEnvelope(response, 400, "create_customer_schema", "Request Error");
        assertThat(response.json().get("Message").get("_schema").get(0).stringValue()).isEqualTo("Invalid input type.");
    }

    @Test
    void bodiesOverOneMebibyteAre413WhetherDeclaredOrChunked() throws Exception {
        Brand brand = newBrand();
        String big = "{\"first_name\": \"" + "a".repeat(1_100_000) + "\"}";
        assertEnvelope(brand.api().post("/api/v0.1/customers", big), 413, "payload_too_large", "Request Error");

        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/api/v0.1/customers").toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setChunkedStreamingMode(8192);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setRequestProperty("Identity", brand.identity());
        connection.setRequestProperty("Authorization", brand.authorization());
        try (OutputStream out = connection.getOutputStream()) {
            out.write(big.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException closedEarly) {
            // the server may answer and close before the whole body is sent
        }
        assertThat(connection.getResponseCode()).isEqualTo(413);
        try (InputStream in = connection.getErrorStream()) {
            assertThat(Http.JSON.readTree(in.readAllBytes()).get("Code").stringValue()).isEqualTo("payload_too_large");
        }
        assertThat(count("customer WHERE first_name LIKE 'aaaa%'")).isZero();
    }

    @Test
    void serverFaultsAre500WithoutDetails() {
        Brand brand = newBrand();
        Http.Response response = brand.api().get("/api/v0.1/test-faults/boom");
        assertEnvelope(response, 500, "server_error", "Server Error");
        assertThat(response.body()).doesNotContain("SELECT").doesNotContain("internal detail");
    }

    @Test
    void trailingSlashesAreAccepted() {
        Brand brand = newBrand();
        assertThat(brand.api().get("/api/v0.1/customers/").status()).isEqualTo(200);
        assertThat(brand.api().post("/api/v0.1/customers/", customerBody()).status()).isEqualTo(201);
        assertThat(brand.api().get("/api/v0.1/programs/" + brand.programId() + "/").status()).isEqualTo(200);
    }

    @Test
    void everyResponseCarriesARequestId() {
        Brand brand = newBrand();
        assertThat(brand.api().get("/api/v0.1/customers").header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(brand.api().with("X-Request-Id", "client-req-42").get("/api/v0.1/customers").header("X-Request-Id")).isEqualTo("client-req-42");
        assertThat(anonymous().get("/api/v0.1/customers").header("X-Request-Id")).isNotBlank();
        assertThat(anonymous().get("/nowhere").header("X-Request-Id")).isNotBlank();
        // a hostile request id is replaced, not echoed
        assertThat(brand.api().with("X-Request-Id", "<script>" + "x".repeat(200)).get("/api/v0.1/customers").header("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void operationsEndpointsAnswer() {
        assertThat(anonymous().get("/actuator/health/liveness").json().get("status").stringValue()).isEqualTo("UP");
        assertThat(anonymous().get("/actuator/health/readiness").json().get("status").stringValue()).isEqualTo("UP");
        assertThat(anonymous().get("/actuator/prometheus").body()).contains("http_server_requests");
        JsonNode docs = anonymous().get("/v3/api-docs").json();
        assertThat(docs.get("paths").propertyNames()).contains("/api/v0.1/customers", "/api/v0.1/customers/{customerId}",
                "/api/v0.1/customers/{customerId}/addresses", "/api/v0.1/customers/{customerId}/addresses/{addressId}",
                "/api/v0.1/programs", "/api/v0.1/programs/{programId}", "/api/v0.1/auth/key/{identity}", "/admin/brands");
        assertThat(docs.get("components").get("schemas").has("Error")).isTrue();
        assertThat(docs.get("paths").get("/api/v0.1/customers").get("post").get("responses").has("400")).isTrue();
        assertThat(docs.get("paths").get("/api/v0.1/customers").get("post").get("requestBody").toString()).contains("CreateCustomer");
        assertThat(anonymous().get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
