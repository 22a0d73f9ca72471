package org.openkyc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openkyc.api.HostileRequests.Case;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;

import tools.jackson.databind.JsonNode;

/**
 * Hostile requests generated over every route of the OpenAPI document (issue 13): by default
 * 10,500 of them, one after another, from a printed seed ({@code -Dopenkyc.fuzz.seed},
 * {@code -Dopenkyc.fuzz.cases}). For every answer: no 5xx, an {@code X-Request-Id}, every 4xx
 * in the envelope, every case that must be refused refused, and nothing changed by a refused
 * request (the rows a request could touch are compared before and after). Counts by status, by
 * kind and by route are printed at the end.
 *
 * <p>Tagged {@code fuzz}: not in the default test run; {@code ./openkyc test} runs it (Maven
 * profile {@code fuzz}).
 */
@Tag("fuzz")
class RouteFuzzTest extends ApiTestBase {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final int MAX_REPORTED = 25;

    private final Map<String, Map<Integer, Integer>> byRoute = new TreeMap<>();
    private final Map<String, Map<Integer, Integer>> byKind = new TreeMap<>();
    private final Map<Integer, Integer> byStatus = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private int failureCount;

    @Test
    void everyRouteAnswersHostileRequestsInTheEnvelopeAndRefusalsChangeNothing() {
        long seed = Long.getLong("openkyc.fuzz.seed", 13L);
        int cases = Integer.getInteger("openkyc.fuzz.cases", 10_500);
        System.out.printf("RouteFuzzTest: %d cases, seed %d (replay with -Dopenkyc.fuzz.seed=%d -Dopenkyc.fuzz.cases=%d)%n", cases, seed, seed, cases);
        ApiRoutes routes = ApiRoutes.of(anonymous().get("/v3/api-docs").json());
        assertThat(routes.operations()).hasSizeGreaterThan(25);
        Snapshot snapshot = new Snapshot();
        HostileRequests generator = new HostileRequests(routes, fixtures(snapshot), seed);

        long started = System.nanoTime();
        String before = null;
        for (int i = 0; i < cases; i++) {
            Case c = generator.next();
            if (before == null) {
                before = snapshot.take();
            }
            Http.Response response = send(c);
            count(c, response.status());
            check(i, c, response);
            if (response.status() >= 400 && response.status() < 500) {
                String after = snapshot.take();
                if (!after.equals(before)) {
                    fail(i, c, response, "a refused request changed stored data:\n  before " + before + "\n  after  " + after);
                }
                before = after;
            } else {
                before = null; // it may have written: take a new snapshot before the next case
            }
        }
        report(cases, seed, (System.nanoTime() - started) / 1_000_000);
        assertThat(failures).as(failureCount + " failures (first " + MAX_REPORTED + " shown)").isEmpty();
        assertThat(byStatus.keySet()).as("statuses seen").noneMatch(status -> status >= 500);
    }

    private void check(int i, Case c, Http.Response response) {
        int status = response.status();
        if (status >= 500) {
            fail(i, c, response, "5xx");
        }
        if (response.header("X-Request-Id") == null || response.header("X-Request-Id").isBlank()) {
            fail(i, c, response, "no X-Request-Id");
        }
        if (c.mustRefuse() && (status < 400 || status >= 500)) {
            fail(i, c, response, "must be refused with a 4xx");
        }
        if (status >= 400 && !isEnvelope(response)) {
            fail(i, c, response, "not the error envelope");
        }
    }

    /** SPEC §1.1 (Message, Status, Code, Type), or the idempotency conflict of §6 (type, code, message). */
    private static boolean isEnvelope(Http.Response response) {
        String type = response.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return false;
        }
        try {
            JsonNode body = response.json();
            Map<String, JsonNode> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            body.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
            return body.isObject() && fields.containsKey("type") && fields.containsKey("code") && fields.containsKey("message")
                    && fields.get("code").isString();
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    private Http.Response send(Case c) {
        HttpRequest.BodyPublisher body = c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(c.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + c.pathAndQuery()))
                .timeout(Duration.ofSeconds(30)).method(c.method(), body);
        c.headers().forEach(h -> request.header(h.getKey(), h.getValue()));
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new AssertionError("no answer to " + describe(c) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void count(Case c, int status) {
        byStatus.merge(status, 1, Integer::sum);
        byKind.computeIfAbsent(c.kind(), k -> new TreeMap<>()).merge(status, 1, Integer::sum);
        byRoute.computeIfAbsent(c.operation().route(), k -> new TreeMap<>()).merge(status, 1, Integer::sum);
    }

    private void fail(int i, Case c, Http.Response response, String what) {
        failureCount++;
        if (failures.size() < MAX_REPORTED) {
            String body = response.body().length() > 300 ? response.body().substring(0, 300) + "…" : response.body();
            failures.add("#" + i + " " + what + ": " + describe(c) + " -> " + response.status() + " " + body);
        }
    }

    private static String describe(Case c) {
        String body = c.body() == null ? "" : new String(c.body(), 0, Math.min(c.body().length, 200), java.nio.charset.StandardCharsets.ISO_8859_1);
        return "[" + c.kind() + "] " + c.method() + " " + (c.pathAndQuery().length() > 200 ? c.pathAndQuery().substring(0, 200) + "…" : c.pathAndQuery())
                + " headers " + c.headers().stream().map(h -> h.getKey() + ": " + abbreviate(h.getValue())).toList() + " body " + body;
    }

    private static String abbreviate(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…(" + value.length() + ")" : value;
    }

    private void report(int cases, long seed, long millis) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nRouteFuzzTest: %d cases in %d ms, seed %d, %d failures%n", cases, millis, seed, failureCount));
        out.append("by status: ").append(byStatus).append('\n');
        out.append("by kind:\n");
        byKind.forEach((kind, statuses) -> out.append(String.format("  %-26s %s%n", kind, statuses)));
        out.append("by route:\n");
        byRoute.forEach((route, statuses) -> out.append(String.format("  %-70s %s%n", route, statuses)));
        failures.forEach(f -> out.append("FAIL ").append(f).append('\n'));
        System.out.print(out);
    }

    // Fixtures

    private HostileRequests.Fixtures fixtures(Snapshot snapshot) {
        Brand brand = newBrand();
        Brand other = newBrand();
        String customer = createCustomer(brand, customerBody());
        String address = addAddress(brand, customer);
        String webhook = createWebhook(brand);
        String spareCustomer = createCustomer(brand, customerBody());
        String spareAddress = addAddress(brand, spareCustomer);
        String spareKey = newKey(brand).get("identity").stringValue();
        String otherCustomer = createCustomer(other, customerBody());
        String documentsCustomer = documentsRequested(brand);
        JsonNode temporary = brand.api().post("/api/v0.1/auth/key/temporary", Map.of("customer_id", customer)).json();
        JsonNode inactive = newKey(brand);
        assertThat(admin().post("/admin/keys/" + inactive.get("identity").stringValue() + "/deactivate", Map.of()).status()).isEqualTo(200);

        Map<String, String> ids = Map.of("customerId", customer, "addressId", address, "programId", brand.programId().toString(),
                "webhookId", webhook, "deliveryId", UUID.randomUUID().toString(), "identity", brand.identity(), "brandId", brand.brandId().toString());
        Map<String, String> deletable = new java.util.HashMap<>(ids);
        deletable.putAll(Map.of("customerId", spareCustomer, "addressId", spareAddress, "webhookId", createWebhook(brand), "identity", spareKey));
        Map<String, String> otherIds = Map.of("customerId", otherCustomer, "addressId", addAddress(other, otherCustomer),
                "programId", other.programId().toString(), "webhookId", createWebhook(other), "identity", other.identity());
        snapshot.watch(List.of(customer, spareCustomer, otherCustomer, documentsCustomer), List.of(brand.brandId().toString(), other.brandId().toString()));
        return new HostileRequests.Fixtures(brand, other, ids, Map.copyOf(deletable), otherIds, documentsCustomer, temporary.get("Identity").stringValue(),
                temporary.get("Authorization").stringValue(), inactive.get("identity").stringValue(), inactive.get("authorization").stringValue(),
                ADMIN_TOKEN);
    }

    /** A customer whose attempt asks for three documents (sandbox SSN 444-44-4444): uploads of one kind never close it. */
    private String documentsRequested(Brand brand) {
        Map<String, Object> body = customerBody();
        body.put("ssn", "444-44-4444");
        String customer = createCustomer(brand, body);
        Http.Response started = startKyc(brand, customer, "444-44-4444");
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        awaitKycStatus(brand, customer, "document_required");
        return customer;
    }

    private String addAddress(Brand brand, String customer) {
        Http.Response response = brand.api().post("/api/v0.1/customers/" + customer + "/addresses", address(false));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("address_id").stringValue();
    }

    private static String createWebhook(Brand brand) {
        Http.Response response = brand.api().post("/api/v0.1/webhooks", Map.of("url", "https://hooks.example.com/fuzz", "events", List.of("kyc.*")));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("webhook_id").stringValue();
    }

    private JsonNode newKey(Brand brand) {
        Http.Response response = admin().post("/admin/brands/" + brand.brandId() + "/keys", Map.of("name", "fuzz"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    /**
     * What a request could change, as text: row counts of the tables requests write, and the
     * fixture brands' rows. Columns that background work changes (a KYC evaluation's status on the
     * customer, a webhook's failure clock) are left out; so are tables only background work writes.
     */
    private final class Snapshot {
        private static final List<String> TABLES = List.of("brand", "api_key", "program", "customer", "customer_address", "webhook",
                "kyc_attempt", "kyc_document", "kyc_document_file", "idempotency_key");
        private String brands = "";
        private String customers = "";

        void watch(List<String> customerIds, List<String> brandIds) {
            customers = customerIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
            brands = brandIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        }

        String take() {
            String counts = TABLES.stream().map(t -> "(SELECT COUNT(*) FROM " + t + ")").collect(Collectors.joining(", "));
            StringBuilder out = new StringBuilder(jdbc.sql("SELECT " + counts).query().listOfRows().toString());
            if (!brands.isEmpty()) {
                out.append(rows("SELECT customer_id, first_name, middle_name, last_name, dob_enc, ssn_enc, phone, phone_country_code, email,"
                        + " brand_person_id, deleted_at FROM customer WHERE customer_id IN (" + customers + ") ORDER BY customer_id"));
                out.append(rows("SELECT * FROM customer_address WHERE customer_id IN (" + customers + ") ORDER BY address_id"));
                out.append(rows("SELECT * FROM program WHERE brand_id IN (" + brands + ") ORDER BY program_id"));
                out.append(rows("SELECT webhook_id, url, description, events, version, status, secret_enc, previous_secret_enc, deleted_at,"
                        + " date_updated FROM webhook WHERE brand_id IN (" + brands + ") ORDER BY webhook_id"));
                out.append(rows("SELECT identity, name, status, calls_left, expires_at FROM api_key WHERE brand_id IN (" + brands + ") ORDER BY identity"));
            }
            return out.toString();
        }

        private String rows(String sql) {
            return jdbc.sql(sql).query().listOfRows().stream().map(Object::toString).collect(Collectors.joining(";")).toLowerCase(Locale.ROOT);
        }
    }
}
