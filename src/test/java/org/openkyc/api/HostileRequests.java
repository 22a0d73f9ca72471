package org.openkyc.api;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiFunction;

import org.openkyc.api.ApiRoutes.Operation;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates hostile requests for the operations of the OpenAPI document: bad bodies (wrong types,
 * missing and unknown fields, huge numbers, malformed UTF-8, deep nesting, wrong content types,
 * empty, not JSON), bad path ids, bad query values, bad credentials, bad Idempotency-Keys and
 * methods a route does not take, with a few valid requests among them. The same seed gives the
 * same requests.
 *
 * <p>Included: the path spellings Tomcat refuses itself ({@code %00}, {@code %2f}, {@code ..%2f})
 * and TRACE, answered in the envelope by the container's error handling
 * ({@code -Dopenkyc.fuzz.tomcat-layer=false} leaves them out). Left out: raw framing, CONNECT,
 * duplicate Content-Length and headers over 8 KiB, which java.net.http cannot send:
 * ContainerErrorsTest sends those over a raw socket.
 */
final class HostileRequests {

    /** One request; {@code mustRefuse}: whatever else happens, the answer has to be a 4xx. */
    record Case(String kind, Operation operation, String method, String pathAndQuery, List<Map.Entry<String, String>> headers, byte[] body,
                boolean mustRefuse) {
    }

    /** The ids and credentials the requests use; DELETE routes get ids of their own so that a valid one does not remove the others. */
    record Fixtures(ApiTestBase.Brand brand, ApiTestBase.Brand otherBrand, Map<String, String> ids, Map<String, String> deletable,
                    Map<String, String> otherIds, String documentsCustomer, String temporaryIdentity, String temporaryAuthorization, String inactiveIdentity,
                    String inactiveAuthorization, String adminToken) {
    }

    private static final boolean TOMCAT_LAYER = Boolean.parseBoolean(System.getProperty("openkyc.fuzz.tomcat-layer", "true"));

    /** JSON texts of every type and edge, to put where a field's value goes. */
    private static final List<String> VALUES = List.of("null", "true", "false", "0", "-1", "1", "1.5", "-0", "1e400", "-1e400", "1e-400",
            "9223372036854775808", "-9223372036854775809", "18446744073709551616", "2147483648", "123456789012345678901234567890",
            "0.1e1", "\"\"", "\" \"", "\"null\"", "\"true\"", "\"0\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\t\\n\"",
            "\"x\"", "\"" + "x".repeat(300) + "\"", "\"" + "é".repeat(5000) + "\"", "\"<script>alert(1)</script>\"", "\"' OR 1=1 --\"",
            "\"${jndi:ldap://x/a}\"", "\"%s%n\"", "\"../../etc/passwd\"", "\"2026-02-30\"", "\"1990-04-12T00:00:00Z\"", "\"00000000-0000-0000-0000-000000000000\"",
            "\"not-a-uuid\"", "\"https://127.0.0.1/x\"", "\"http://[::1]/\"", "\"a@b\"", "\"٢٠\"", "\"+20\"", "[]", "[null]", "[1,\"a\",{}]",
            "[\"kyc.*\",\"kyc.*\"]", "{}", "{\"\":null}", "{\"a\":{\"b\":{\"c\":[]}}}", "[" + "1,".repeat(2000) + "1]");
    private static final List<String> HUGE_NUMBERS = List.of("1e999999999", "-1e999999999", "1" + "0".repeat(990), "1." + "0".repeat(990) + "1",
            "9".repeat(1200), "1e-999999999", "123456789012345678901234567890.5e308", "4.9e-325", "1.7976931348623157e309");
    private static final List<int[]> MALFORMED = List.of(new int[] {0xC0, 0xA2}, new int[] {0xC1, 0xBF}, new int[] {0xE0, 0x80, 0xA2},
            new int[] {0xF0, 0x80, 0x80, 0xA2}, new int[] {0x80}, new int[] {0xBF}, new int[] {0xE2, 0x82}, new int[] {0xC3},
            new int[] {0xED, 0xA0, 0x80}, new int[] {0xED, 0xBF, 0xBF}, new int[] {0xF4, 0x90, 0x80, 0x80}, new int[] {0xF5, 0x80, 0x80, 0x80},
            new int[] {0xFE}, new int[] {0xFF}, new int[] {0xFE, 0xFF}, new int[] {0x00});
    private static final List<String> BAD_CONTENT_TYPES = List.of("*/*", "application/*", "*/json", "*/*; charset=utf-8", ";;", "/", "application/",
            "/json", "json", "text/plain", "text/json", "text/html", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/octet-stream", "application/json; charset=bogus", "application/json; charset=iso-8859-1",
            "application/json; charset=utf-16", "application/json; charset=utf-32", "application/json; charset=\"utf-8",
            "application/json; charset=", "application/json, text/plain", "application/json; charset=utf-8; charset=latin1",
            "application/json\tx", "application/jsonx", "applicatio/json", "application json", "=", "application/json; =utf-8",
            "application/json; charset=" + "x".repeat(200));
    private static final List<String> NOT_JSON = List.of("", " ", "\n\t", "{", "}", "[", "{\"a\":", "{\"a\" 1}", "{'a': 1}", "{a: 1}",
            "{\"a\": 1,}", "[1,]", "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": 01}", "{\"a\": .5}", "{\"a\": 0x10}", "/* c */ {}",
            "{} // c", "{}{}", "{} x", "nul", "tru", "\"abc", "<xml/>", "first_name=Jane&last_name=Doe", "--x\r\nContent-Disposition: form-data\r\n\r\n",
            "null", "true", "1", "-1.5e3", "\"a string\"", "[]", "[{}]", "[1, 2]", "{\"a\": \"\\x41\"}", "{\"a\": \"\\u12\"}",
            "{\"a\": \"tab\there\"}", "{\"a\": \"" + "\u0001" + "\"}", "{\"a\u0000\": 1}");
    private static final List<String> PATH_IDS = List.of("%20", "%20%20", "%09", "null", "undefined", "0", "-1", "1e5", "true", "x".repeat(300),
            "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "%7B%7D", "%2e", "%C3%A9", "%F0%9F%92%B3",
            "%D9%A0%D9%A1", "%2B1", "a%20b", "1%2C2", "%22%22", "%27", "%3Cscript%3E", "*", "~", "!", "%E2%80%8B");
    private static final List<String> TOMCAT_PATH_IDS = List.of("%00", "%5c", "%2f", "..%2f", "%C0%AE", "%2e%2e"); // a lone % cannot pass java.net.URI
    private static final List<String> QUERY_VALUES = List.of("", "%20", "%00", "20%00", "%2B20", "-20", "0", "-0", "%D9%A2%D9%A0", "%EF%BC%92%EF%BC%90",
            "20.0", "2e1", "0x14", "20%2C20", "9".repeat(30), "2147483648", "1%20", "%201", "abc", "%E2%80%8B1", "null", "true", "%22%22",
            "pending%00", "PENDING", "Pending", "succeeded%20", "%5B%5D", "1%26x");
    private static final List<String> BAD_IDEMPOTENCY_KEYS = List.of("", " ", "\"", "\"unterminated", "\"a\"b\"", "x".repeat(256),
            "x".repeat(3000), "a b\tc", "\"\"", "\"\\\"");
    private static final List<String> ODD_IDEMPOTENCY_KEYS = List.of("a", "x".repeat(255), "\"quoted key\"", "key-with-!#$%&'*+.^_`|~", "1");
    private static final String PLACEHOLDER = "@@FUZZ@@";
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    private final ApiRoutes routes;
    private final Fixtures fixtures;
    private final Random random;
    private final List<BiFunction<Operation, Random, Case>> kinds = List.of(this::wrongType, this::missingField, this::extraField,
            this::hugeNumber, this::badUtf8, this::deepNesting, this::badContentType, this::emptyBody, this::notJson, this::duplicateKeys,
            this::badPathId, this::otherBrandsId, this::badQuery, this::badAuth, this::badIdempotencyKey, this::methodNotAllowed,
            this::bodyOnBodilessRoute, this::oddHeader, this::valid);
    private int sequence;

    HostileRequests(ApiRoutes routes, Fixtures fixtures, long seed) {
        this.routes = routes;
        this.fixtures = fixtures;
        this.random = new Random(seed);
    }

    /** The next case: a random operation and a random kind that applies to it. */
    Case next() {
        List<Operation> operations = routes.operations();
        Operation operation = operations.get(sequence++ % operations.size()); // round robin: every route gets its share
        while (true) {
            Case generated = kinds.get(random.nextInt(kinds.size())).apply(operation, random);
            if (generated != null) {
                return generated;
            }
        }
    }

    // Bodies

    private Case wrongType(Operation op, Random r) {
        return replaced("body.wrong-type", op, VALUES, r);
    }

    private Case hugeNumber(Operation op, Random r) {
        return replaced("body.huge-number", op, HUGE_NUMBERS, r);
    }

    /** A valid body with one field (maybe nested) set to one of {@code values}; such a body may still be valid. */
    private Case replaced(String kind, Operation op, List<String> values, Random r) {
        ObjectNode body = validBody(op);
        if (body == null) {
            return null;
        }
        String json = replaceField(body, pickField(op, body, r), pick(r, values), r);
        return request(kind, op, json.getBytes(StandardCharsets.UTF_8), false);
    }

    private Case missingField(Operation op, Random r) {
        ObjectNode body = validBody(op);
        if (body == null || body.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>(body.propertyNames());
        body.remove(pick(r, names));
        return request("body.missing-field", op, Http.JSON.writeValueAsBytes(body), false);
    }

    private Case extraField(Operation op, Random r) {
        ObjectNode body = validBody(op);
        if (body == null) {
            return null;
        }
        String name = pick(r, List.of("x_fuzz", "__proto__", "", " ", "Name", "NAME", "first_name ", "constructor", "$ref", "a\u0000b", "ünïcödé"));
        if (body.has(name)) {
            return null;
        }
        String json = Http.JSON.writeValueAsString(body);
        String extra = Http.JSON.writeValueAsString(name) + ":" + pick(r, VALUES);
        json = body.isEmpty() ? "{" + extra + "}" : "{" + extra + "," + json.substring(1);
        return request("body.extra-field", op, json.getBytes(StandardCharsets.UTF_8), true);
    }

    private Case badUtf8(Operation op, Random r) {
        ObjectNode body = validBody(op);
        if (body == null) {
            return null;
        }
        byte[] json = Http.JSON.writeValueAsBytes(body.isEmpty() ? Http.JSON.createObjectNode().put("x", "y") : body);
        int at = 1 + r.nextInt(json.length - 1); // anywhere after the opening brace: in a key, a value, between tokens
        if (r.nextBoolean()) {
            at = indexInsideString(json, r, at);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(json, 0, at);
        for (int b : pick(r, MALFORMED)) {
            out.write(b);
        }
        out.write(json, at, json.length - at);
        return request("body.bad-utf8", op, out.toByteArray(), true);
    }

    private Case deepNesting(Operation op, Random r) {
        if (!op.hasBody()) {
            return null;
        }
        int depth = 600 + r.nextInt(20_000);
        String open = r.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String nested = open.repeat(depth) + "1" + close.repeat(depth);
        String json = r.nextBoolean() ? nested : "{\"name\":" + nested + "}";
        return request("body.deep-nesting", op, json.getBytes(StandardCharsets.UTF_8), true);
    }

    private Case badContentType(Operation op, Random r) {
        ObjectNode body = validBody(op);
        if (body == null) {
            return null;
        }
        Case c = request("body.content-type", op, Http.JSON.writeValueAsBytes(body), true);
        return withContentType(c, r.nextInt(10) == 0 ? null : pick(r, BAD_CONTENT_TYPES));
    }

    private Case emptyBody(Operation op, Random r) {
        if (!op.hasBody()) {
            return null;
        }
        return request("body.empty", op, new byte[0], true);
    }

    private Case notJson(Operation op, Random r) {
        if (!op.hasBody()) {
            return null;
        }
        byte[] body;
        if (r.nextInt(4) == 0) {
            body = new byte[1 + r.nextInt(200)];
            r.nextBytes(body);
            body[0] = (byte) '~'; // random bytes, never by chance a JSON object
        } else {
            body = pick(r, NOT_JSON).getBytes(StandardCharsets.UTF_8);
        }
        return request("body.not-json", op, body, true);
    }

    private Case duplicateKeys(Operation op, Random r) {
        ObjectNode body = validBody(op);
        if (body == null || body.isEmpty()) {
            return null;
        }
        String name = pick(r, new ArrayList<>(body.propertyNames()));
        String json = Http.JSON.writeValueAsString(body);
        json = "{" + Http.JSON.writeValueAsString(name) + ":" + pick(r, VALUES) + "," + json.substring(1);
        return request("body.duplicate-keys", op, json.getBytes(StandardCharsets.UTF_8), false);
    }

    private Case bodyOnBodilessRoute(Operation op, Random r) {
        if (op.hasBody()) {
            return null;
        }
        byte[] body = pick(r, List.of("{\"name\": \"x\"}", "{", "\u00ff", "null")).getBytes(StandardCharsets.UTF_8);
        Case c = request("body.on-bodiless-route", op, body, false);
        return withContentType(c, pick(r, List.of("application/json", "*/*", "text/plain")));
    }

    // Paths, queries, headers, methods

    private Case badPathId(Operation op, Random r) {
        if (op.pathParameters().isEmpty()) {
            return null;
        }
        String parameter = pick(r, op.pathParameters());
        List<String> ids = TOMCAT_LAYER && r.nextInt(5) == 0 ? TOMCAT_PATH_IDS : PATH_IDS;
        String value = r.nextInt(4) == 0 ? nonCanonical(ids(op).get(parameter), r) : pick(r, ids);
        Map<String, String> values = new LinkedHashMap<>(ids(op));
        values.put(parameter, value);
        return withPath(request("path.bad-id", op, bodyBytes(op), true), expand(op, values));
    }

    private Case otherBrandsId(Operation op, Random r) {
        if (op.pathParameters().isEmpty() || op.admin()) {
            return null;
        }
        String parameter = pick(r, op.pathParameters());
        String foreign = fixtures.otherIds().getOrDefault(parameter, UUID.randomUUID().toString());
        Map<String, String> values = new LinkedHashMap<>(ids(op));
        values.put(parameter, foreign);
        return withPath(request("path.other-brand", op, bodyBytes(op), true), expand(op, values));
    }

    private Case badQuery(Operation op, Random r) {
        Case c = request("query.bad-value", op, bodyBytes(op), !op.queryParameters().isEmpty());
        String query;
        if (op.queryParameters().isEmpty()) {
            query = pick(r, List.of("foo=%00", "__proto__=1", "page=-1", "a=%D9%A2", "=", "&&", "x=" + "y".repeat(2000)));
        } else {
            query = pick(r, new ArrayList<>(op.queryParameters().keySet())) + "=" + pick(r, QUERY_VALUES);
        }
        return withPath(c, c.pathAndQuery() + "?" + query);
    }

    private Case badAuth(Operation op, Random r) {
        Case c = request("auth.bad", op, bodyBytes(op), true);
        List<Map.Entry<String, String>> headers = new ArrayList<>(c.headers());
        headers.removeIf(h -> isCredential(h.getKey()));
        headers.addAll(op.admin() ? badAdminCredentials(r) : badBrandCredentials(op, r));
        return new Case(c.kind(), op, c.method(), c.pathAndQuery(), headers, c.body(), true);
    }

    private List<Map.Entry<String, String>> badBrandCredentials(Operation op, Random r) {
        String identity = fixtures.brand().identity();
        String secret = fixtures.brand().authorization();
        List<List<Map.Entry<String, String>>> choices = new ArrayList<>(List.of(
                List.of(),
                List.of(Map.entry("Identity", identity)),
                List.of(Map.entry("Authorization", secret)),
                List.of(Map.entry("Identity", identity), Map.entry("Authorization", secret + "x")),
                List.of(Map.entry("Identity", identity), Map.entry("Authorization", "Bearer " + secret)),
                List.of(Map.entry("Identity", identity), Map.entry("Authorization", "")),
                List.of(Map.entry("Identity", ""), Map.entry("Authorization", secret)),
                List.of(Map.entry("Identity", "not-a-uuid"), Map.entry("Authorization", secret)),
                List.of(Map.entry("Identity", " " + identity), Map.entry("Authorization", secret.substring(1))),
                List.of(Map.entry("Identity", identity.toUpperCase(java.util.Locale.ROOT) + "0"), Map.entry("Authorization", secret)),
                List.of(Map.entry("Identity", fixtures.otherBrand().identity()), Map.entry("Authorization", secret)),
                List.of(Map.entry("Identity", identity), Map.entry("Authorization", "x".repeat(4000))),
                List.of(Map.entry("Identity", fixtures.inactiveIdentity()), Map.entry("Authorization", fixtures.inactiveAuthorization())),
                List.of(Map.entry("X-Admin-Token", fixtures.adminToken())),
                List.of(Map.entry("Identity", UUID.randomUUID().toString()), Map.entry("Authorization", secret))));
        if (!op.template().contains("{customerId}")) { // a temporary key outside its customer's routes: 403
            choices.add(List.of(Map.entry("Identity", fixtures.temporaryIdentity()), Map.entry("Authorization", fixtures.temporaryAuthorization())));
        }
        return pick(r, choices);
    }

    private List<Map.Entry<String, String>> badAdminCredentials(Random r) {
        String token = fixtures.adminToken();
        return pick(r, List.of(List.of(), List.of(Map.entry("X-Admin-Token", "")), List.of(Map.entry("X-Admin-Token", token + "x")),
                List.of(Map.entry("X-Admin-Token", token.substring(1))), List.of(Map.entry("X-Admin-Token", "Bearer " + token)),
                List.of(Map.entry("X-Admin-Token", "x".repeat(4000))),
                List.of(Map.entry("Identity", fixtures.brand().identity()), Map.entry("Authorization", fixtures.brand().authorization())),
                List.of(Map.entry("Authorization", token))));
    }

    private Case badIdempotencyKey(Operation op, Random r) {
        if (!op.method().equals("POST")) {
            return null;
        }
        boolean bad = r.nextInt(3) > 0;
        // The operator API has no idempotency (SPEC §6 is about the brand API): there the header is ignored.
        Case c = request(bad ? "idempotency.bad-key" : "idempotency.odd-key", op, bodyBytes(op), bad && !op.admin());
        List<Map.Entry<String, String>> headers = new ArrayList<>(c.headers());
        if (bad) {
            headers.add(Map.entry("Idempotency-Key", pick(r, BAD_IDEMPOTENCY_KEYS)));
        } else {
            headers.add(Map.entry("Idempotency-Key", pick(r, ODD_IDEMPOTENCY_KEYS) + "-" + r.nextInt(3))); // some repeat: a conflict is a 4xx too
        }
        return new Case(c.kind(), op, c.method(), c.pathAndQuery(), headers, c.body(), c.mustRefuse());
    }

    private Case methodNotAllowed(Operation op, Random r) {
        List<String> methods = new ArrayList<>(routes.methodsNotAllowed(op.template()));
        methods.addAll(TOMCAT_LAYER ? List.of("TRACE", "FOO", "PROPFIND") : List.of("FOO", "PROPFIND")); // Tomcat refuses TRACE itself
        String method = pick(r, methods);
        Case c = request("method.not-allowed", op, r.nextBoolean() ? bodyBytes(op) : null, true);
        return new Case(c.kind(), op, method, c.pathAndQuery(), c.headers(), c.body(), true);
    }

    /** A valid request with an odd Accept, X-Request-Id, Content-Encoding or Origin: answered like any other, in JSON. */
    private Case oddHeader(Operation op, Random r) {
        Case c = request("header.odd", op, bodyBytes(op), false);
        List<Map.Entry<String, String>> headers = new ArrayList<>(c.headers());
        headers.add(pick(r, List.of(Map.entry("Accept", "text/html"), Map.entry("Accept", "application/xml"), Map.entry("Accept", "*/*"),
                Map.entry("Accept", "application/json;q=0"), Map.entry("Accept", "text/plain, */*;q=0.1"), Map.entry("Accept", ";;"),
                Map.entry("Accept", "application/*+xml"), Map.entry("Accept-Charset", "iso-8859-1"), Map.entry("Accept-Encoding", "gzip, br"),
                Map.entry("X-Request-Id", ""), Map.entry("X-Request-Id", "x".repeat(2000)), Map.entry("X-Request-Id", "<script>"),
                Map.entry("Content-Encoding", "gzip"), Map.entry("Origin", "https://evil.example"), Map.entry("X-HTTP-Method-Override", "DELETE"),
                Map.entry("X-Forwarded-For", "not-an-ip"), Map.entry("X-Forwarded-Proto", "gopher"), Map.entry("Forwarded", "for=\"[::1"),
                Map.entry("Range", "bytes=0-1"), Map.entry("If-None-Match", "*"), Map.entry("Cookie", "JSESSIONID=x"))));
        return new Case(c.kind(), op, c.method(), c.pathAndQuery(), headers, c.body(), false);
    }

    private Case valid(Operation op, Random r) {
        if (op.method().equals("DELETE") || op.template().endsWith("/deactivate")) {
            return null; // valid ones of these remove their fixture; they run as hostile variants only
        }
        return request("valid", op, bodyBytes(op), false);
    }

    // Building blocks

    /** A request for {@code op} as a well-behaved client would send it, with {@code body} instead of a valid one. */
    private Case request(String kind, Operation op, byte[] body, boolean mustRefuse) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (op.admin()) {
            headers.add(Map.entry("X-Admin-Token", fixtures.adminToken()));
        } else {
            headers.add(Map.entry("Identity", fixtures.brand().identity()));
            headers.add(Map.entry("Authorization", fixtures.brand().authorization()));
        }
        if (body != null) {
            headers.add(Map.entry("Content-Type", "application/json"));
        }
        return new Case(kind, op, op.method(), expand(op, ids(op)), headers, body, mustRefuse);
    }

    private static Case withContentType(Case c, String contentType) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(c.headers());
        headers.removeIf(h -> h.getKey().equals("Content-Type"));
        if (contentType != null) {
            headers.add(Map.entry("Content-Type", contentType));
        }
        return new Case(c.kind(), c.operation(), c.method(), c.pathAndQuery(), headers, c.body(), c.mustRefuse());
    }

    private static Case withPath(Case c, String pathAndQuery) {
        return new Case(c.kind(), c.operation(), c.method(), pathAndQuery, c.headers(), c.body(), c.mustRefuse());
    }

    private static boolean isCredential(String header) {
        return header.equals("Identity") || header.equals("Authorization") || header.equals("X-Admin-Token");
    }

    private Map<String, String> ids(Operation op) {
        Map<String, String> ids = op.method().equals("DELETE") || op.template().endsWith("/deactivate") ? fixtures.deletable() : fixtures.ids();
        Map<String, String> values = new LinkedHashMap<>();
        for (String parameter : op.pathParameters()) {
            values.put(parameter, ids.getOrDefault(parameter, UUID.randomUUID().toString()));
        }
        if (op.template().endsWith("/documents")) {
            values.put("customerId", fixtures.documentsCustomer()); // its attempt asks for documents: bodies get read, not a 409
        }
        return values;
    }

    private static String expand(Operation op, Map<String, String> values) {
        String path = op.template();
        for (Map.Entry<String, String> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        return path;
    }

    /** An existing id spelt otherwise: a sign, an Arabic-Indic or full-width digit, no dashes, braces, padding. */
    private static String nonCanonical(String id, Random r) {
        int digit = firstDigit(id);
        return switch (r.nextInt(6)) {
            case 0 -> "%2B" + id.substring(1);
            case 1 -> digit < 0 ? id + "%20" : id.substring(0, digit) + enc(String.valueOf((char) ('\u0660' + id.charAt(digit) - '0'))) + id.substring(digit + 1);
            case 2 -> digit < 0 ? "%20" + id : id.substring(0, digit) + enc(String.valueOf((char) ('\uFF10' + id.charAt(digit) - '0'))) + id.substring(digit + 1);
            case 3 -> id.replace("-", "");
            case 4 -> "%7B" + id + "%7D";
            default -> r.nextBoolean() ? id + "%20" : "%20" + id;
        };
    }

    private static int firstDigit(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (Character.isDigit(id.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private byte[] bodyBytes(Operation op) {
        ObjectNode body = validBody(op);
        return body == null ? null : Http.JSON.writeValueAsBytes(body);
    }

    /** A body the route accepts (as far as the fixtures allow), or null for a route without one. */
    private ObjectNode validBody(Operation op) {
        if (!op.hasBody()) {
            return null;
        }
        Map<String, String> ids = fixtures.ids();
        String schema = op.bodySchemaName() == null ? "" : op.bodySchemaName().replaceFirst("Patch$", ""); // PATCH bodies: partial copies
        Object body = switch (schema) {
            case "CreateCustomer" -> ApiTestBase.customerBody();
            case "EditCustomer" -> Map.of("first_name", "Janet");
            case "AddressRequest" -> op.method().equals("PATCH") ? Map.of("street2", "Apt 2") : ApiTestBase.address(false);
            case "KycRequest" -> Map.of("program_id", ids.get("programId"), "ssn", "123-45-6789", "phone", "555-555-5555",
                    "phone_country_code", "1", "email", "jane@example.com", "ip", "");
            case "DocumentUpload" -> Map.of("government_id", Map.of("type", "passport", "front_image", Map.of("file_name", "id.png", "image", PNG)));
            case "ProgramRequest" -> Map.of("name", "Fuzz program");
            case "WebhookRequest" -> Map.of("url", "https://hooks.example.com/fuzz", "events", List.of("kyc.*"));
            case "SimulateRequest" -> Map.of("customer_id", ids.get("customerId"), "program_id", ids.get("programId"));
            case "TemporaryKeyRequest" -> Map.of("customer_id", ids.get("customerId"));
            case "NameRequest", "NewKeyRequest" -> Map.of("name", "Fuzz");
            default -> fromSchema(op.bodySchema());
        };
        return (ObjectNode) Http.JSON.valueToTree(body);
    }

    /** For a schema the switch above does not know yet (a new route): each property with a value of its type. */
    private Map<String, Object> fromSchema(JsonNode schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        schema.path("properties").properties().forEach(p -> body.put(p.getKey(), sample(ApiRoutes.resolve(routes.document(), p.getValue()))));
        return body;
    }

    private Object sample(JsonNode schema) {
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        return switch (schema.path("type").isString() ? schema.path("type").stringValue() : "object") {
            case "integer" -> 1;
            case "number" -> 0.5;
            case "boolean" -> true;
            case "array" -> List.of(sample(ApiRoutes.resolve(routes.document(), schema.path("items"))));
            case "string" -> "uuid".equals(schema.path("format").asString("")) ? fixtures.ids().get("customerId") : "fuzz";
            default -> fromSchema(schema);
        };
    }

    /** A field of the body or of its schema (so that absent optional fields get wrong values too). */
    private static String pickField(Operation op, ObjectNode body, Random r) {
        List<String> names = new ArrayList<>(body.propertyNames());
        op.bodySchema().path("properties").propertyNames().forEach(name -> {
            if (!names.contains(name)) {
                names.add(name);
            }
        });
        return names.isEmpty() ? "name" : pick(r, names);
    }

    /** The body with {@code field} set to the raw JSON text {@code value}: at the top, in a nested object or in a list's first object. */
    private static String replaceField(ObjectNode body, String field, String value, Random r) {
        ObjectNode copy = body.deepCopy();
        JsonNode current = copy.get(field);
        if (current != null && current.isArray() && !current.isEmpty() && current.get(0).isObject()) {
            current = current.get(0);
        }
        if (current instanceof ObjectNode inner && !inner.isEmpty() && r.nextBoolean()) {
            inner.put(pick(r, new ArrayList<>(inner.propertyNames())), PLACEHOLDER);
        } else {
            copy.put(field, PLACEHOLDER);
        }
        return Http.JSON.writeValueAsString(copy).replace("\"" + PLACEHOLDER + "\"", value);
    }

    /** A position inside one of the JSON text's strings, else {@code fallback}. */
    private static int indexInsideString(byte[] json, Random r, int fallback) {
        List<Integer> inside = new ArrayList<>();
        boolean in = false;
        for (int i = 0; i < json.length; i++) {
            if (json[i] == '"' && (i == 0 || json[i - 1] != '\\')) {
                in = !in;
            } else if (in) {
                inside.add(i);
            }
        }
        return inside.isEmpty() ? fallback : inside.get(r.nextInt(inside.size()));
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }
}
