package org.openkyc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.openkyc.OpenKycApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The server on a random port with a database of its own (H2, or PostgreSQL in the second test
 * run). Tests make brands through the operator API and call the API over real HTTP.
 */
@Tag("db")
@SpringBootTest(classes = OpenKycApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "openkyc.admin-token=" + ApiTestBase.ADMIN_TOKEN)
public abstract class ApiTestBase {

    public static final String ADMIN_TOKEN = "test-admin-token-5f1b2c";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    /** A brand with its key and default program, and a client that calls as that brand. */
    public record Brand(UUID brandId, String identity, String authorization, UUID programId, Http api) {
    }

    protected Http anonymous() {
        return new Http(port);
    }

    protected Http admin() {
        return new Http(port).with("X-Admin-Token", ADMIN_TOKEN);
    }

    protected Brand newBrand() {
        Http.Response response = admin().post("/admin/brands", Map.of("name", "Brand " + UUID.randomUUID()));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode body = response.json();
        String identity = body.get("identity").stringValue();
        String authorization = body.get("authorization").stringValue();
        return new Brand(UUID.fromString(body.get("brand_id").stringValue()), identity, authorization,
                UUID.fromString(body.get("program_id").stringValue()),
                new Http(port).with("Identity", identity).with("Authorization", authorization));
    }

    /** A valid create-customer body; tests change what they exercise. */
    public static Map<String, Object> customerBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("first_name", "Jane");
        body.put("last_name", "Doe");
        body.put("dob", "1990-04-12");
        body.put("ssn", "123-45-6789");
        body.put("phone", "555-555-5555");
        body.put("phone_country_code", "1");
        body.put("email", "jane@example.com");
        body.put("addresses", List.of(address(true)));
        return body;
    }

    /** A KYC start body as the seed document shows it. */
    public static Map<String, Object> kycStartBody(UUID programId, String ssn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("program_id", programId.toString());
        body.put("ssn", ssn);
        body.put("phone", "555-555-5555");
        body.put("phone_country_code", "1");
        body.put("email", "jane@example.com");
        body.put("ip", "");
        return body;
    }

    public static Map<String, Object> address(boolean primary) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("address_type", "PHYSICAL");
        address.put("street", "100 Congress Ave");
        address.put("city", "Austin");
        address.put("state", "TX");
        address.put("zip_code", "78701");
        address.put("country", "US");
        address.put("is_primary", primary);
        return address;
    }

    protected String createCustomer(Brand brand, Map<String, Object> body) {
        Http.Response response = brand.api().post("/api/v0.1/customers", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("customer_id").stringValue();
    }

    /** {@link #createCustomer} for helpers outside the test class. */
    public String createCustomerFor(Brand brand, Map<String, Object> body) {
        return createCustomer(brand, body);
    }

    /** Starts KYC with this SSN (and a phone and e-mail the live checks pass) and waits for {@code expected}. */
    public JsonNode startAndAwait(Brand brand, String customerId, String ssn, String... expected) {
        Map<String, Object> body = kycStartBody(brand.programId(), ssn);
        body.put("phone", "512-867-5309");
        body.remove("ip");
        Http.Response started = brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc", body);
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        return awaitKycStatus(brand, customerId, expected);
    }

    /** Starts KYC the way the seed document does, with the brand's default program. */
    protected Http.Response startKyc(Brand brand, String customerId, String ssn) {
        return brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc", kycStartBody(brand.programId(), ssn));
    }

    /** Polls the KYC status until it is one of {@code expected} (the evaluation runs in the background). */
    protected JsonNode awaitKycStatus(Brand brand, String customerId, String... expected) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            Http.Response response = brand.api().get("/api/v0.1/customers/" + customerId + "/verification-kyc");
            if (response.status() == 200) {
                status = response.json();
                if (List.of(expected).contains(status.get("kyc_status").stringValue())) {
                    return status;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("KYC of " + customerId + " did not reach " + List.of(expected) + "; last: " + status);
    }

    /** The event types written for a customer, in order. */
    protected List<String> eventTypes(String customerId) {
        return jdbc.sql("SELECT event_type FROM outbox_event WHERE customer_id = ? ORDER BY event_seq")
                .param(UUID.fromString(customerId)).query(String.class).list();
    }

    protected List<String> kycEventTypes(String customerId) {
        return eventTypes(customerId).stream().filter(e -> e.startsWith("kyc.")).toList();
    }

    protected long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
