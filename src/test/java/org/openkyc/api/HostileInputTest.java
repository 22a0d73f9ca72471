package org.openkyc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.ExactHttp;

import tools.jackson.databind.JsonNode;

/**
 * Hostile input that escaped the envelope (issue 13): odd content types, blank or non-canonical
 * path ids, malformed UTF-8, query values that are almost numbers, and the OpenAPI document saying
 * otherwise than the code. Each answer is a 4xx in the envelope and writes nothing.
 */
class HostileInputTest extends ApiTestBase {

    private static final String CUSTOMERS = "/api/v0.1/customers";

    private static void assertEnvelope(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/json");
        assertThat(response.header("X-Request-Id")).isNotBlank();
        JsonNode body = response.json();
        assertThat(body.get("Status").intValue()).isEqualTo(status);
        assertThat(body.get("Code").stringValue()).as(response.toString()).isEqualTo(code);
        assertThat(body.get("Type").stringValue()).isEqualTo("Request Error");
        assertThat(body.has("Message")).isTrue();
    }

    private Http.Response raw(Brand brand, String method, String path, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Identity", brand.identity());
        headers.put("Authorization", brand.authorization());
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return ExactHttp.send(port, method, path, headers, body);
    }

    private static byte[] json(Map<String, Object> body) {
        return Http.JSON.writeValueAsBytes(body);
    }

    /** {@code before}, the raw bytes, then {@code after}: a JSON text with bytes no String can hold. */
    private static byte[] bytes(String before, int[] raw, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        for (int b : raw) {
            out.write(b);
        }
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    // 1. Content types

    @Test
    void wildcardAndMalformedContentTypesAre415AndCreateNothing() {
        Brand brand = newBrand();
        byte[] body = json(customerBody());
        for (String type : List.of("*/*", "application/*", "*/json", ";;", "application/", "/json", "json",
                "application/json; charset=bogus", "application/json; charset=\"utf-8", "application/json; charset=",
                "application/json; charset=iso-8859-1", "application/json; charset=utf-16", "application/json; charset=us-ascii",
                "application/json; charset=utf-8; charset=latin1")) {
            assertEnvelope(raw(brand, "POST", CUSTOMERS, type, body), 415, "unsupported_media_type");
        }
        assertThat(count("customer WHERE brand_id = '" + brand.brandId() + "'")).isZero();
        // the spellings of JSON in UTF-8 still work (RFC 9110 §5.6.6 allows empty parameters)
        for (String type : List.of("application/json", "application/json; charset=utf-8", "application/json;charset=\"UTF-8\"", "Application/JSON",
                "application/json;;")) {
            assertThat(raw(brand, "POST", CUSTOMERS, type, body).status()).as(type).isEqualTo(201);
        }
    }

    @Test
    void wildcardContentTypeIs415OnEveryBodyRoute() {
        Brand brand = newBrand();
        String customer = createCustomer(brand, customerBody());
        for (String[] route : new String[][] {{"POST", CUSTOMERS}, {"PATCH", CUSTOMERS + "/" + customer},
                {"POST", CUSTOMERS + "/" + customer + "/addresses"}, {"POST", CUSTOMERS + "/" + customer + "/verification-kyc"},
                {"POST", CUSTOMERS + "/" + customer + "/verification-kyc/documents"}, {"POST", "/api/v0.1/programs"},
                {"PATCH", "/api/v0.1/programs/" + brand.programId()}, {"POST", "/api/v0.1/webhooks"},
                {"POST", "/api/v0.1/auth/key/temporary"}, {"POST", "/api/v0.1/simulate/kyc-pass"}}) {
            assertEnvelope(raw(brand, route[0], route[1], "*/*", "{}".getBytes(StandardCharsets.UTF_8)), 415, "unsupported_media_type");
        }
        Http.Response admin = ExactHttp.send(port, "POST", "/admin/brands", Map.of("X-Admin-Token", ADMIN_TOKEN, "Content-Type", "*/*"),
                "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8));
        assertEnvelope(admin, 415, "unsupported_media_type");
    }

    // 2. Path ids

    @Test
    void blankAndNonCanonicalPathIdsAreTheRoutes404() {
        Brand brand = newBrand();
        String customer = createCustomer(brand, customerBody());
        String program = brand.programId().toString();
        String key = brand.identity();
        assertEnvelope(brand.api().get("/api/v0.1/programs/%20"), 404, "program_dne");
        assertEnvelope(brand.api().patch("/api/v0.1/programs/%20", Map.of("name", "x")), 404, "program_dne");
        assertEnvelope(brand.api().get("/api/v0.1/auth/key/%20"), 404, "key_dne");
        assertEnvelope(brand.api().get(CUSTOMERS + "/%20"), 404, "customer_dne");
        assertEnvelope(brand.api().get(CUSTOMERS + "/%20/verification-kyc"), 404, "customer_dne");
        assertEnvelope(brand.api().get("/api/v0.1/webhooks/%20"), 404, "webhook_dne");
        assertEnvelope(brand.api().delete(CUSTOMERS + "/" + customer + "/addresses/%20"), 404, "address_dne");
        assertEnvelope(admin().post("/admin/brands/%20/keys", Map.of("name", "k")), 404, "brand_dne");
        assertEnvelope(admin().post("/admin/keys/%20/deactivate", Map.of()), 404, "key_dne");

        // An existing id spelt with an Arabic-Indic digit, a sign or upper-case-only hex names nothing.
        for (String spelling : List.of(arabicDigit(program), "+" + program.substring(1), program.replace("-", ""),
                "{" + program + "}", program + "%20", "%20" + program)) {
            assertEnvelope(brand.api().get("/api/v0.1/programs/" + encode(spelling)), 404, "program_dne");
            assertEnvelope(brand.api().patch("/api/v0.1/programs/" + encode(spelling), Map.of("name", "renamed")), 404, "program_dne");
        }
        for (String spelling : List.of(arabicDigit(customer), "+" + customer.substring(1))) {
            assertEnvelope(brand.api().get(CUSTOMERS + "/" + encode(spelling)), 404, "customer_dne");
        }
        assertEnvelope(brand.api().get("/api/v0.1/auth/key/" + encode(arabicDigit(key))), 404, "key_dne");
        assertThat(brand.api().get("/api/v0.1/programs/" + program).json().get("name").stringValue()).isEqualTo("Default program");
        // upper-case hex is still the same id (UUIDs are case-insensitive)
        assertThat(brand.api().get("/api/v0.1/programs/" + program.toUpperCase()).status()).isEqualTo(200);
    }

    /** The id with its first decimal digit written as the Arabic-Indic digit of the same value. */
    private static String arabicDigit(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c >= '0' && c <= '9') {
                return id.substring(0, i) + (char) ('\u0660' + (c - '0')) + id.substring(i + 1);
            }
        }
        throw new IllegalArgumentException("no digit in " + id);
    }

    private static String encode(String text) {
        if (text.contains("%")) {
            return text;
        }
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%2B");
    }

    // 3. Malformed UTF-8

    /** Overlong '"', lone continuation, truncated sequence, UTF-8-encoded surrogate, above U+10FFFF, bytes never in UTF-8. */
    private static final int[][] MALFORMED = {{0xC0, 0xA2}, {0xE0, 0x80, 0xA2}, {0xF0, 0x80, 0x80, 0xA2}, {0x80}, {0xBF},
            {0xE2, 0x82}, {0xC3}, {0xED, 0xA0, 0x80}, {0xED, 0xBF, 0xBF}, {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80},
            {0xFE}, {0xFF}, {0xC1, 0xBF}};

    @Test
    void malformedUtf8InABodyIs400AndStoresNothing() {
        Brand brand = newBrand();
        String program = "/api/v0.1/programs/" + brand.programId();
        for (int[] sequence : MALFORMED) {
            assertEnvelope(raw(brand, "PATCH", program, "application/json", bytes("{\"name\": \"", sequence, "\"}")), 400, "invalid_request");
            assertEnvelope(raw(brand, "PATCH", program, "application/json", bytes("{\"na", sequence, "me\": \"x\"}")), 400, "invalid_request");
            assertEnvelope(raw(brand, "POST", CUSTOMERS, "application/json",
                    bytes("{\"first_name\": \"J", sequence, "ane\", \"last_name\": \"Doe\"}")), 400, "invalid_request");
        }
        assertThat(brand.api().get(program).json().get("name").stringValue()).isEqualTo("Default program");
        assertThat(count("customer WHERE brand_id = '" + brand.brandId() + "'")).isZero();

        // the overlong '"' of the issue, on a whole valid customer body
        String customerJson = Http.JSON.writeValueAsString(customerBody()).replace("\"Jane\"", "\"Ja@@ne\"");
        int at = customerJson.indexOf("@@");
        assertEnvelope(raw(brand, "POST", CUSTOMERS, "application/json",
                bytes(customerJson.substring(0, at), new int[] {0xC0, 0xA2}, customerJson.substring(at + 2))), 400, "invalid_request");
        assertThat(count("customer WHERE brand_id = '" + brand.brandId() + "'")).isZero();

        // real multi-byte text is fine
        assertThat(renamed(brand, program, "\"Prêt à porter 💳 日本\"")).isEqualTo("Prêt à porter 💳 日本");
    }

    /** PATCHes the program's name with the JSON text {@code nameJson}, sent as is; it must be taken. */
    private String renamed(Brand brand, String program, String nameJson) {
        Http.Response response = raw(brand, "PATCH", program, "application/json", ("{\"name\": " + nameJson + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("name").stringValue();
    }

    @Test
    void escapedLoneSurrogatesAreNotStrings() {
        Brand brand = newBrand();
        String program = "/api/v0.1/programs/" + brand.programId();
        for (String name : List.of("\\ud800", "a\\udfff", "\\udcb3\\ud83d", "x\\ud83d")) {
            Http.Response response = raw(brand, "PATCH", program, "application/json",
                    ("{\"name\": \"" + name + "\"}").getBytes(StandardCharsets.UTF_8));
            assertEnvelope(response, 400, "edit_program_schema");
            assertThat(response.json().get("Message").get("name").get(0).stringValue()).isEqualTo("Not a valid string.");
        }
        assertThat(brand.api().get(program).json().get("name").stringValue()).isEqualTo("Default program");
        assertThat(renamed(brand, program, "\"card \\ud83d\\udcb3\"")).isEqualTo("card \ud83d\udcb3");
    }

    @Test
    void aBodyInAnotherCharsetIsRefused() {
        Brand brand = newBrand();
        String program = "/api/v0.1/programs/" + brand.programId();
        byte[] latin1 = "{\"name\": \"Caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertEnvelope(raw(brand, "PATCH", program, "application/json; charset=iso-8859-1", latin1), 415, "unsupported_media_type");
        // undeclared Latin-1 is malformed UTF-8
        assertEnvelope(raw(brand, "PATCH", program, "application/json", latin1), 400, "invalid_request");
        byte[] utf16 = "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_16BE);
        assertEnvelope(raw(brand, "PATCH", program, "application/json", utf16), 400, "invalid_request");
        assertThat(brand.api().get(program).json().get("name").stringValue()).isEqualTo("Default program");
    }

    // 4. Query values

    @Test
    void queryValuesThatAreAlmostNumbersAre400() {
        Brand brand = newBrand();
        String webhook = brand.api().post("/api/v0.1/webhooks", Map.of("url", "https://hooks.example.com/x", "events", List.of("kyc.*")))
                .json().get("webhook_id").stringValue();
        String customer = createCustomer(brand, customerBody());
        List<String> notTwenty = List.of("20%00", "%2B20", "%D9%A2%D9%A0", "%EF%BC%92%EF%BC%90", "%2020", "20%20", "20%09", "020.0",
                "2e1", "0x14", "20,20", "-0", "%00");
        for (String value : notTwenty) {
            assertEnvelope(brand.api().get(CUSTOMERS + "?per_page=" + value), 400, "list_customers_schema");
            assertEnvelope(brand.api().get(CUSTOMERS + "?page=" + value), 400, "list_customers_schema");
            assertEnvelope(brand.api().get("/api/v0.1/webhooks/" + webhook + "/deliveries?per_page=" + value), 400, "list_deliveries_schema");
            assertEnvelope(brand.api().get("/api/v0.1/webhooks/" + webhook + "/deliveries?page=" + value), 400, "list_deliveries_schema");
        }
        assertEnvelope(brand.api().get(CUSTOMERS + "?per_page=20&per_page=20"), 400, "list_customers_schema");
        assertEnvelope(brand.api().get("/api/v0.1/webhooks/" + webhook + "/deliveries?status=pending%00"), 400, "list_deliveries_schema");
        assertEnvelope(brand.api().get("/api/v0.1/webhooks/" + webhook + "/deliveries?status=PENDING"), 400, "list_deliveries_schema");
        String program = brand.programId().toString();
        for (String spelling : List.of(encode(arabicDigit(program)), "%2B" + program.substring(1), program + "%00", "%20" + program)) {
            assertEnvelope(brand.api().get(CUSTOMERS + "/" + customer + "/verification-kyc?program_id=" + spelling), 400, "kyc_get_schema");
        }
        // the exact values still work
        assertThat(brand.api().get(CUSTOMERS + "?per_page=20&page=1").status()).isEqualTo(200);
        assertThat(brand.api().get(CUSTOMERS + "?per_page=020").status()).isEqualTo(200);
        assertThat(brand.api().get("/api/v0.1/webhooks/" + webhook + "/deliveries?per_page=100&page=2&status=pending").status()).isEqualTo(200);
    }

    // Found by the generator: Accept

    @Test
    void theAnswerIsJsonWhateverAcceptSays() {
        Brand brand = newBrand();
        String program = "/api/v0.1/programs/" + brand.programId();
        for (String accept : List.of("application/xml", "text/html", ";;", "application/json;q=0", "application/*+xml")) {
            Http api = brand.api().with("Accept", accept);
            Http.Response patched = api.patch(program, Map.of("name", "Renamed " + accept));
            assertThat(patched.status()).as(accept + ": " + patched).isEqualTo(200);
            assertThat(patched.header("Content-Type")).startsWith("application/json");
            assertThat(patched.json().get("name").stringValue()).isEqualTo("Renamed " + accept);
            assertEnvelope(api.get("/api/v0.1/programs/" + java.util.UUID.randomUUID()), 404, "program_dne");
            assertEnvelope(api.patch(program, Map.of("name", "")), 400, "edit_program_schema");
            assertEnvelope(anonymous().with("Accept", accept).get("/api/v0.1/programs"), 401, "auth_err");
        }
    }

    // 5. The OpenAPI document and the code agree

    @Test
    void aKeyNameIsOptionalInTheCodeAndTheDocument() {
        Brand brand = newBrand();
        Http.Response created = admin().post("/admin/brands/" + brand.brandId() + "/keys", Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("name").stringValue()).isEqualTo("API key");
        assertEnvelope(admin().post("/admin/brands/" + brand.brandId() + "/keys", Map.of("name", "")), 400, "create_key_schema");

        JsonNode docs = anonymous().get("/v3/api-docs").json();
        JsonNode keySchema = schemaOf(docs, docs.get("paths").get("/admin/brands/{brandId}/keys").get("post"));
        assertThat(keySchema.path("required").valueStream().map(JsonNode::stringValue).toList()).doesNotContain("name");
        JsonNode brandSchema = schemaOf(docs, docs.get("paths").get("/admin/brands").get("post"));
        assertThat(brandSchema.path("required").valueStream().map(JsonNode::stringValue).toList()).contains("name");
        assertEnvelope(admin().post("/admin/brands", Map.of()), 400, "create_brand_schema");
    }

    @Test
    void everyBodyRouteDeclaresItsBodyRequired() {
        JsonNode docs = anonymous().get("/v3/api-docs").json();
        List<String> optional = new java.util.ArrayList<>();
        docs.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            JsonNode body = operation.getValue().get("requestBody");
            if (body != null && !body.path("required").asBoolean(false)) {
                optional.add(operation.getKey() + " " + path.getKey());
            }
        }));
        // Spring refuses a missing body on each of them (400 invalid_request), so the document must say required.
        assertThat(optional).isEmpty();
    }

    @Test
    void theDocumentDescribesTheChecksTheCodeMakes() {
        JsonNode docs = anonymous().get("/v3/api-docs").json();
        JsonNode schemas = docs.get("components").get("schemas");
        Map<String, JsonNode> deliveries = parameters(docs, "/api/v0.1/webhooks/{webhookId}/deliveries");
        assertThat(deliveries.get("page").get("type").stringValue()).isEqualTo("integer");
        assertThat(deliveries.get("page").get("minimum").intValue()).isEqualTo(1);
        assertThat(deliveries.get("per_page").get("maximum").intValue()).isEqualTo(100);
        assertThat(parameters(docs, "/api/v0.1/customers").get("page").get("minimum").intValue()).isEqualTo(1);
        assertThat(parameters(docs, "/api/v0.1/customers/{customerId}/verification-kyc").get("program_id").get("format").stringValue()).isEqualTo("uuid");
        assertThat(schemas.get("CreateCustomer").get("properties").get("addresses").get("minItems").intValue()).isEqualTo(1);
        assertThat(schemas.get("WebhookRequest").get("properties").get("events").get("minItems").intValue()).isEqualTo(1);
        assertThat(schemas.get("WebhookRequest").get("properties").get("description").get("maxLength").intValue()).isEqualTo(500);
        assertThat(schemas.get("ProgramRequest").get("properties").get("name").get("minLength").intValue()).isEqualTo(1);
        assertThat(schemas.get("NameRequest").get("properties").get("name").get("minLength").intValue()).isEqualTo(1);
        // PATCH bodies are partial: nothing is required there, as the code reads them
        for (String path : List.of("/api/v0.1/programs/{programId}", "/api/v0.1/webhooks/{webhookId}", "/api/v0.1/customers/{customerId}/addresses/{addressId}")) {
            JsonNode patch = schemaOf(docs, docs.get("paths").get(path).get("patch"));
            assertThat(patch.has("required")).as(path).isFalse();
            assertThat(patch.get("properties").size()).as(path).isGreaterThan(1);
        }
        assertThat(schemaOf(docs, docs.get("paths").get("/api/v0.1/programs").get("post")).get("required").toString()).contains("name");
        // and the code refuses what the document refuses
        Brand brand = newBrand();
        assertEnvelope(brand.api().post("/api/v0.1/webhooks", Map.of("url", "https://hooks.example.com/x", "events", List.of())), 400, "create_webhook_schema");
        Map<String, Object> noAddresses = customerBody();
        noAddresses.put("addresses", List.of());
        assertEnvelope(brand.api().post(CUSTOMERS, noAddresses), 400, "create_customer_schema");
        assertEnvelope(brand.api().post("/api/v0.1/programs", Map.of("name", "")), 400, "create_program_schema");
    }

    /**
     * The customer rules are written once (issue 14): the document's patterns are the ones the code
     * enforces. The phone rule once said "digits, dashes allowed" in the document while the code
     * required 7 to 15 digits: a value the document's pattern refuses is refused, one it allows is taken.
     */
    @Test
    void theDocumentsPatternsAreTheCodesPatterns() {
        JsonNode schemas = anonymous().get("/v3/api-docs").json().get("components").get("schemas");
        JsonNode create = schemas.get("CreateCustomer").get("properties");
        java.util.regex.Pattern phone = java.util.regex.Pattern.compile(create.get("phone").get("pattern").stringValue());
        assertThat(schemas.get("KycRequest").get("properties").get("phone").get("pattern").stringValue()).isEqualTo(phone.pattern());
        assertThat(schemas.get("EditCustomer").get("properties").get("phone").get("pattern").stringValue()).isEqualTo(phone.pattern());
        assertThat(create.get("email").get("maxLength").intValue()).isEqualTo(254);
        assertThat(schemas.get("AddressRequest").get("properties").get("street").get("maxLength").intValue()).isEqualTo(40);
        Brand brand = newBrand();
        for (String value : List.of("555-555-5555", "5555555", "12-34-56-78", "555--5555", "555555", "-5555555", "1234567890123456")) {
            Map<String, Object> body = customerBody();
            body.put("phone", value);
            int expected = phone.matcher(value).matches() ? 201 : 400;
            assertThat(brand.api().post(CUSTOMERS, body).status()).as(value).isEqualTo(expected);
        }
    }

    private static Map<String, JsonNode> parameters(JsonNode docs, String path) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        docs.get("paths").get(path).get("get").get("parameters").forEach(p -> out.put(p.get("name").stringValue(), p.get("schema")));
        return out;
    }

    private static JsonNode schemaOf(JsonNode docs, JsonNode operation) {
        String ref = operation.get("requestBody").get("content").get("application/json").get("schema").get("$ref").stringValue();
        return docs.get("components").get("schemas").get(ref.substring(ref.lastIndexOf('/') + 1));
    }
}
