package org.openkyc.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/** SPEC §6 and §5.1 under real concurrency: many threads, one customer. */
class KycConcurrencyTest extends ApiTestBase {

    static List<Http.Response> inParallel(int n, java.util.function.Supplier<Http.Response> call) throws Exception {
        return allAtOnce(java.util.Collections.nCopies(n, call));
    }

    @Autowired
    MeterRegistry meters;

    private long attempts(String customerId) {
        return jdbc.sql("SELECT COUNT(*) FROM kyc_attempt WHERE customer_id = ?").param(UUID.fromString(customerId)).query(Long.class).single();
    }

    @Test
    void fiftyParallelRequestsWithOneKeyExecuteOnce() throws Exception {
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        Http keyed = brand.api().with("Idempotency-Key", "parallel-" + customerId);
        List<Http.Response> responses = inParallel(50, () -> keyed.post("/api/v0.1/customers/" + customerId + "/verification-kyc",
                Map.of("program_id", brand.programId().toString(), "ssn", "000-00-0000")));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(49)
                .allSatisfy(r -> assertThat(r.json().get("code").stringValue()).isEqualTo("idempotency_key_exists"));
        assertThat(attempts(customerId)).isEqualTo(1);
        awaitKycStatus(brand, customerId, "under_review");
        assertThat(kycEventTypes(customerId)).containsExactly("kyc.verification.submitted", "kyc.verification.under_review");
    }

    /** Nothing but the key orders these requests: each does its work, and only the first commit stands. */
    @Test
    void fiftyParallelCustomerCreationsWithOneKeyCreateOneCustomer() throws Exception {
        Brand brand = newBrand();
        Http keyed = brand.api().with("Idempotency-Key", "parallel-create");
        List<Http.Response> responses = inParallel(50, () -> keyed.post("/api/v0.1/customers", customerBody()));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        Http.Response created = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow();
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(49).allSatisfy(r -> {
            assertThat(r.json().get("code").stringValue()).isEqualTo("idempotency_key_exists");
            assertThat(r.json().get("payload_matches").booleanValue()).isTrue();
            assertThat(r.json().get("original_response").get("body")).isEqualTo(created.json());
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer WHERE brand_id = ?").param(brand.brandId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void fiftyParallelStartsWithoutAKeyMakeOneAttempt() throws Exception {
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        List<Http.Response> responses = inParallel(50, () -> brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc",
                Map.of("program_id", brand.programId().toString(), "ssn", "000-00-0000")));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(49)
                .allSatisfy(r -> assertThat(r.json().get("Code").stringValue()).isEqualTo("kyc_in_progress"));
        assertThat(attempts(customerId)).isEqualTo(1);
        assertThat(brand.api().get("/api/v0.1/customers/" + customerId).json().get("kyc_requests_available").intValue()).isEqualTo(2);
    }

    /** The starts committed so far and the groups they were committed in (KycStartBatcher's metric). */
    private record Groups(long groups, double starts) {

        /** Whether, since {@code before}, some group committed more than one start. */
        boolean groupedSince(Groups before) {
            return starts - before.starts > groups - before.groups;
        }
    }

    private Groups groups() {
        DistributionSummary sizes = meters.get("openkyc.kyc.start.group.size").summary();
        return new Groups(sizes.count(), sizes.totalAmount());
    }

    /** Runs the calls at once, one thread each; their responses in the calls' order. */
    static List<Http.Response> allAtOnce(List<java.util.function.Supplier<Http.Response>> calls) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(calls.size())) {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (java.util.function.Supplier<Http.Response> call : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.get();
                }));
            }
            go.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        }
    }

    /**
     * KYC starts arriving together are committed together (KycStartBatcher): each must still be
     * answered as if it ran alone, refusals included, and a refused start must leave nothing behind.
     */
    @Test
    void startsArrivingTogetherAreEachAnsweredAsIfAlone() throws Exception {
        Brand brand = newBrand();
        List<String> good = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            good.add(createCustomer(brand, customerBody()));
        }
        for (int i = 0; i < 8; i++) {
            refused.add(createCustomer(brand, customerBody()));
        }
        String program = brand.programId().toString();
        List<java.util.function.Supplier<Http.Response>> calls = new ArrayList<>();
        for (String id : good) {
            calls.add(() -> brand.api().with("Idempotency-Key", "together-" + id).post("/api/v0.1/customers/" + id + "/verification-kyc",
                    Map.of("program_id", program, "ssn", "000-00-0000", "email", "new-" + id + "@example.com")));
        }
        for (int i = 0; i < refused.size(); i++) {
            String id = refused.get(i);
            // every other one: no program (400), a program that does not exist (404)
            Map<String, Object> body = i % 2 == 0 ? Map.of("ssn", "000-00-0000") : Map.of("program_id", UUID.randomUUID().toString(), "ssn", "000-00-0000");
            calls.add(() -> brand.api().with("Idempotency-Key", "together-" + id).post("/api/v0.1/customers/" + id + "/verification-kyc", body));
        }
        for (int i = 0; i < 4; i++) {
            String missing = UUID.randomUUID().toString();
            calls.add(() -> brand.api().post("/api/v0.1/customers/" + missing + "/verification-kyc", Map.of("program_id", program)));
        }
        long eventsBefore = count("outbox_event");
        Groups before = groups();

        List<Http.Response> responses = allAtOnce(calls);

        // what this test is about: starts were committed together, not one by one
        assertThat(groups().groupedSince(before)).as("some starts were committed in one group").isTrue();

        for (int i = 0; i < good.size(); i++) {
            Http.Response r = responses.get(i);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            assertThat(r.json().get("customer_id").stringValue()).isEqualTo(good.get(i));
            assertThat(r.json().get("kyc_status").stringValue()).isEqualTo("submitted");
            assertThat(attempts(good.get(i))).isEqualTo(1);
            assertThat(kycEventTypes(good.get(i))).first().isEqualTo("kyc.verification.submitted");
            assertThat(kycEventTypes(good.get(i))).filteredOn("kyc.verification.submitted"::equals).hasSize(1);
            assertThat(brand.api().get("/api/v0.1/customers/" + good.get(i)).json().get("email").stringValue())
                    .isEqualTo("new-" + good.get(i) + "@example.com");
        }
        for (int i = 0; i < refused.size(); i++) {
            Http.Response r = responses.get(good.size() + i);
            assertThat(r.status()).as(r.toString()).isEqualTo(i % 2 == 0 ? 400 : 404);
            assertThat(r.json().get("Code").stringValue()).isEqualTo(i % 2 == 0 ? "kyc_post_schema" : "program_dne");
            assertThat(attempts(refused.get(i))).isZero();
            assertThat(eventTypes(refused.get(i))).containsExactly("customer.created");
            assertThat(brand.api().get("/api/v0.1/customers/" + refused.get(i)).json().get("kyc_requests_available").intValue()).isEqualTo(3);
        }
        for (int i = good.size() + refused.size(); i < responses.size(); i++) {
            assertThat(responses.get(i).status()).isEqualTo(404);
            assertThat(responses.get(i).json().get("Code").stringValue()).isEqualTo("customer_dne");
        }
        // a submitted event and a customer.updated (new e-mail) per started customer, nothing for the refused; decisions may follow
        assertThat(count("outbox_event") - eventsBefore).isGreaterThanOrEqualTo(2L * good.size());
        for (String id : good) {
            assertThat(eventTypes(id)).filteredOn("customer.updated"::equals).hasSize(1);
        }

        // Each started customer's key was stored with its own response, in the same commit.
        for (int i = 0; i < good.size(); i++) {
            String id = good.get(i);
            Http.Response replay = brand.api().with("Idempotency-Key", "together-" + id).post("/api/v0.1/customers/" + id + "/verification-kyc",
                    Map.of("program_id", program, "ssn", "000-00-0000", "email", "new-" + id + "@example.com"));
            assertThat(replay.status()).isEqualTo(409);
            assertThat(replay.json().get("code").stringValue()).isEqualTo("idempotency_key_exists");
            assertThat(replay.json().get("payload_matches").booleanValue()).isTrue();
            assertThat(replay.json().get("original_response").get("body")).isEqualTo(responses.get(i).json());
        }
        // The refused requests claimed no key: the same key with a good body now starts KYC.
        Http.Response retried = brand.api().with("Idempotency-Key", "together-" + refused.get(0))
                .post("/api/v0.1/customers/" + refused.get(0) + "/verification-kyc", Map.of("program_id", program, "ssn", "000-00-0000"));
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
    }

    /**
     * Retries of finished requests (their first attempts failed, so a new start would be allowed)
     * arriving together with fresh starts: each retry answers the conflict with its original
     * response and starts nothing; the fresh starts, grouped with them or not, all go through.
     */
    @Test
    void retriesOfFinishedRequestsAmongFreshStartsAnswerTheConflictAndStartNothing() throws Exception {
        Brand brand = newBrand();
        String program = brand.programId().toString();
        List<String> retried = new ArrayList<>();
        List<tools.jackson.databind.JsonNode> originals = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = createCustomer(brand, customerBody());
            Http.Response first = brand.api().with("Idempotency-Key", "retry-" + id)
                    .post("/api/v0.1/customers/" + id + "/verification-kyc", Map.of("program_id", program, "ssn", "999-99-9999"));
            assertThat(first.status()).as(first.toString()).isEqualTo(201);
            retried.add(id);
            originals.add(first.json());
        }
        for (String id : retried) {
            awaitKycStatus(brand, id, "failed");
        }
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            fresh.add(createCustomer(brand, customerBody()));
        }
        List<java.util.function.Supplier<Http.Response>> calls = new ArrayList<>();
        for (String id : retried) {
            calls.add(() -> brand.api().with("Idempotency-Key", "retry-" + id)
                    .post("/api/v0.1/customers/" + id + "/verification-kyc", Map.of("program_id", program, "ssn", "999-99-9999")));
        }
        for (String id : fresh) {
            calls.add(() -> brand.api().with("Idempotency-Key", "fresh-" + id)
                    .post("/api/v0.1/customers/" + id + "/verification-kyc", Map.of("program_id", program, "ssn", "000-00-0000")));
        }
        Groups before = groups();

        List<Http.Response> responses = allAtOnce(calls);

        assertThat(groups().groupedSince(before)).as("some starts were committed in one group").isTrue();

        for (int i = 0; i < retried.size(); i++) {
            Http.Response r = responses.get(i);
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.json().get("code").stringValue()).isEqualTo("idempotency_key_exists");
            assertThat(r.json().get("original_response").get("body")).isEqualTo(originals.get(i));
            assertThat(attempts(retried.get(i))).isEqualTo(1);
        }
        for (int i = 0; i < fresh.size(); i++) {
            Http.Response r = responses.get(retried.size() + i);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            assertThat(attempts(fresh.get(i))).isEqualTo(1);
        }
    }
}
