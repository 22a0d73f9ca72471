package org.openkyc.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.MutableClock;
import org.springframework.context.annotation.Import;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * SPEC §6 for KYC starts committed in groups: a key past its 24 hours that the purge has not removed
 * yet is free. A group's starts do not free such keys themselves (one statement less per start);
 * the stored key fails the group's commit like a taken key, the group is halved until that start
 * is alone, and alone it frees the key. The other starts of its group commit all the same.
 */
@Import(MutableClock.Config.class)
@TestPropertySource(properties = "openkyc.idempotency.purge-interval=1h")
class GroupedStartExpiredKeyTest extends ApiTestBase {

    private static final int OTHERS = 15;

    @Autowired
    MutableClock clock;

    @Test
    void aKeyPastItsDayIsFreeForAStartCommittedWithOthers() throws Exception {
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        String path = "/api/v0.1/customers/" + customerId + "/verification-kyc";
        Http withKey = brand.api().with("Idempotency-Key", "kyc-daily");
        Http.Response first = withKey.post(path, kycStartBody(brand.programId(), "999-99-9999"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        awaitKycStatus(brand, customerId, "failed"); // a failed attempt leaves the customer free to start again

        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM idempotency_key WHERE brand_id = ? AND idem_key = 'kyc-daily'").param(brand.brandId())
                .query(Long.class).single()).as("still stored: the purge has not run since").isEqualTo(1);

        List<String> others = new ArrayList<>();
        for (int i = 0; i < OTHERS; i++) {
            others.add(createCustomer(brand, customerBody()));
        }
        CyclicBarrier together = new CyclicBarrier(OTHERS + 1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Http.Response>> otherStarts = new ArrayList<>();
            for (String other : others) {
                otherStarts.add(clients.submit(() -> {
                    together.await();
                    return brand.api().with("Idempotency-Key", "kyc-" + other)
                            .post("/api/v0.1/customers/" + other + "/verification-kyc", kycStartBody(brand.programId(), "123-45-6780"));
                }));
            }
            Future<Http.Response> retry = clients.submit(() -> {
                together.await();
                return withKey.post(path, kycStartBody(brand.programId(), "123-45-6780"));
            });
            Http.Response again = retry.get();
            assertThat(again.status()).as("a retry after 24 hours is a new start: " + again).isEqualTo(201);
            assertThat(again.json().get("kyc_id")).isNotEqualTo(first.json().get("kyc_id"));
            for (Future<Http.Response> start : otherStarts) {
                assertThat(start.get().status()).as(start.get().toString()).isEqualTo(201);
            }
        }
        assertThat(withKey.post(path, kycStartBody(brand.programId(), "123-45-6780")).status())
                .as("and the key is held again").isEqualTo(409);
    }
}
