package org.openkyc.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import org.openkyc.customer.CustomerBodyFuzzProperties;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.InProcessServer;
import org.openkyc.testing.Http;
import org.openkyc.testing.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Property-based fuzzing of the KYC start and document upload bodies against the running server:
 * never a 5xx, and a refused request changes nothing (no attempt, no file, no event, same customer).
 */
@Tag("db")
class KycBodyFuzzProperties {

    private static final List<String> KYC_FIELDS = List.of("program_id", "ssn", "phone", "phone_country_code", "email", "ip");

    private static ConfigurableApplicationContext app;
    private static Http api;
    private static JdbcClient jdbc;
    private static String programId;

    @BeforeContainer
    static void start() {
        app = InProcessServer.start(TestDatabase.fresh(), "--openkyc.admin-token=" + ApiTestBase.ADMIN_TOKEN,
                "--logging.level.org.openkyc.access=WARN");
        jdbc = app.getBean(JdbcClient.class);
        ApiTestBase.Brand brand = InProcessServer.newBrand(InProcessServer.port(app));
        api = brand.api();
        programId = brand.programId().toString();
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static String newCustomer() {
        Map<String, Object> body = ApiTestBase.customerBody();
        body.remove("ssn");
        return api.post("/api/v0.1/customers", body).json().get("customer_id").stringValue();
    }

    private static long count(String sql, String customerId) {
        return jdbc.sql(sql).param(UUID.fromString(customerId)).query(Long.class).single();
    }

    @Property(tries = 250)
    void kycStartNeverFails5xxAndRefusalsChangeNothing(@ForAll("kycBodies") Map<String, Object> body) {
        String customerId = newCustomer();
        JsonNode before = api.get("/api/v0.1/customers/" + customerId).json();
        Http.Response response = api.post("/api/v0.1/customers/" + customerId + "/verification-kyc", body);
        Statistics.collect(response.status());
        Statistics.coverage(c -> {
            c.check(201).count(n -> n > 0);
            c.check(400).count(n -> n > 0);
        });
        assertThat(response.status()).as(response.toString()).isIn(201, 400, 404);
        if (response.status() != 201) {
            assertThat(response.json().get("Code").stringValue()).isIn("kyc_post_schema", "program_dne");
            assertThat(count("SELECT COUNT(*) FROM kyc_attempt WHERE customer_id = ?", customerId)).isZero();
            assertThat(count("SELECT COUNT(*) FROM outbox_event WHERE customer_id = ?", customerId)).isEqualTo(1);
            assertThat(api.get("/api/v0.1/customers/" + customerId).json()).isEqualTo(before);
        }
    }

    @Property(tries = 150)
    void documentUploadsNeverFail5xxAndRefusalsStoreNothing(@ForAll("documentBodies") Map<String, Object> body) {
        String customerId = newCustomer();
        api.post("/api/v0.1/customers/" + customerId + "/verification-kyc", Map.of("program_id", programId, "ssn", "444-44-4444"));
        awaitDocumentRequired(customerId);
        Http.Response response = api.post("/api/v0.1/customers/" + customerId + "/verification-kyc/documents", body);
        Statistics.collect(response.status());
        Statistics.coverage(c -> {
            c.check(201).count(n -> n > 0);
            c.check(400).count(n -> n > 0);
        });
        assertThat(response.status()).as(response.toString()).isIn(201, 400);
        if (response.status() == 400) {
            assertThat(response.json().get("Code").stringValue()).isEqualTo("kyc_documents_schema");
            assertThat(count("SELECT COUNT(*) FROM kyc_document_file f JOIN kyc_attempt a ON a.kyc_id = f.kyc_id WHERE a.customer_id = ?",
                    customerId)).isZero();
            assertThat(api.get("/api/v0.1/customers/" + customerId + "/verification-kyc").json().get("kyc_status").stringValue())
                    .isEqualTo("document_required");
        }
    }

    private static void awaitDocumentRequired(String customerId) {
        for (int i = 0; i < 500; i++) {
            if ("document_required".equals(api.get("/api/v0.1/customers/" + customerId + "/verification-kyc").json().get("kyc_status").stringValue())) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("attempt never reached document_required");
    }

    @Provide
    Arbitrary<Map<String, Object>> kycBodies() {
        Map<String, Object> valid = new LinkedHashMap<>();
        valid.put("program_id", "PROGRAM");
        valid.put("ssn", "123-45-6780");
        valid.put("phone", "555-555-5555");
        valid.put("phone_country_code", "1");
        valid.put("email", "jane@example.com");
        valid.put("ip", "");
        Arbitrary<Object> programIds = Arbitraries.of((Object) "PROGRAM", UUID.randomUUID().toString(), "not-a-uuid", 12);
        Arbitrary<Map<String, Object>> overrides = Arbitraries.maps(Arbitraries.of(KYC_FIELDS),
                Arbitraries.oneOf(CustomerBodyFuzzProperties.values(), programIds)).ofMaxSize(3);
        Arbitrary<Set<String>> removed = Arbitraries.subsetOf(KYC_FIELDS).ofMaxSize(2);
        Arbitrary<Integer> dice = Arbitraries.integers().between(0, 9);
        return Combinators.combine(overrides, removed, dice).as((o, r, d) -> {
            Map<String, Object> body = new HashMap<>(valid);
            if (d < 3) {
                r.forEach(body::remove);
            }
            body.putAll(o);
            if (d == 9) {
                body.put("unexpected", d);
            }
            body.replaceAll((k, v) -> "PROGRAM".equals(v) ? programId : v);
            return body;
        });
    }

    @Provide
    Arbitrary<Map<String, Object>> documentBodies() {
        String png = Base64.getEncoder().encodeToString(KycDocumentsTest.PNG);
        String pdf = Base64.getEncoder().encodeToString(KycDocumentsTest.PDF);
        Arbitrary<Object> images = Arbitraries.oneOf(
                Arbitraries.of(png, pdf, "%%%", "", Base64.getEncoder().encodeToString("plain text".getBytes()), "aGVsbG8=").map(s -> (Object) s),
                CustomerBodyFuzzProperties.values());
        Arbitrary<Map<String, Object>> files = Combinators.combine(Arbitraries.of("a.png", "", "x".repeat(300)), images,
                Arbitraries.integers().between(0, 5)).as((name, image, d) -> {
                    Map<String, Object> file = new HashMap<>();
                    if (d != 0) {
                        file.put("file_name", name);
                    }
                    if (d != 1) {
                        file.put("image", image);
                    }
                    return file;
                });
        Arbitrary<Object> governmentIds = Combinators.combine(Arbitraries.of("passport", "drivers_license", "library_card"), files, files,
                Arbitraries.of("US", "XX", "FR")).as((type, front, back, country) -> (Object) Map.of("type", type, "front_image", front,
                        "back_image", back, "country", country));
        Arbitrary<Object> proofs = Combinators.combine(Arbitraries.of("utility_bill", "lease"), files).as((type, file) -> {
            Map<String, Object> proof = new HashMap<>(file);
            proof.put("type", type);
            return (Object) proof;
        });
        Arbitrary<Map<String, Object>> random = Combinators.combine(
                Arbitraries.oneOf(governmentIds, CustomerBodyFuzzProperties.values()).injectNull(0.3),
                Arbitraries.oneOf(proofs, CustomerBodyFuzzProperties.values()).injectNull(0.4),
                Arbitraries.oneOf(files.map(f -> (Object) f), CustomerBodyFuzzProperties.values()).injectNull(0.4),
                Arbitraries.integers().between(0, 9)).as((gov, proof, card, d) -> {
                    Map<String, Object> body = new HashMap<>();
                    if (gov != null) {
                        body.put("government_id", gov);
                    }
                    if (proof != null) {
                        body.put("proof_of_address", proof);
                    }
                    if (card != null) {
                        body.put("social_security_card", card);
                    }
                    if (d == 9) {
                        body.put("selfie", "x");
                    }
                    return body;
                });
        Map<String, Object> valid = Map.of(
                "government_id", Map.of("type", "passport", "front_image", Map.of("file_name", "p.png", "image", png)),
                "proof_of_address", Map.of("type", "utility_bill", "file_name", "b.pdf", "image", pdf),
                "social_security_card", Map.of("file_name", "s.png", "image", png));
        Arbitrary<Map<String, Object>> validSubsets = Arbitraries.subsetOf(valid.keySet()).ofMinSize(1).map(keys -> {
            Map<String, Object> body = new HashMap<>();
            keys.forEach(k -> body.put(k, valid.get(k)));
            return body;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, validSubsets), net.jqwik.api.Tuple.of(4, random));
    }

}
