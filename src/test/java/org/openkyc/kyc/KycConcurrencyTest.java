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

/** SPEC §6 and §5.1 under real concurrency: many threads, one customer. */
class KycConcurrencyTest extends ApiTestBase {

    static List<Http.Response> inParallel(int n, java.util.function.Supplier<Http.Response> call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
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
}
