package org.openkyc.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** SPEC §6 on the server's clock: a key holds for 24 hours, then a retry is executed anew and the purge removes the key. */
@Import(MutableClock.Config.class)
@TestPropertySource(properties = "openkyc.idempotency.purge-interval=100ms")
class IdempotencyExpiryTest extends ApiTestBase {

    @Autowired
    MutableClock clock;

    private Http.Response post(Brand brand, String key, String body) {
        return brand.api().with("Idempotency-Key", key).send("POST", "/api/v0.1/customers", body, "application/json");
    }

    private long keys(Brand brand, String key) {
        return jdbc.sql("SELECT COUNT(*) FROM idempotency_key WHERE brand_id = ? AND idem_key = ?").params(brand.brandId(), key)
                .query(Long.class).single();
    }

    @Test
    void aKeyHoldsFor24HoursThenARetryIsExecutedAnew() {
        Brand brand = newBrand();
        String body = Http.JSON.writeValueAsString(customerBody());
        Http.Response first = post(brand, "daily", body);
        assertThat(first.status()).isEqualTo(201);

        clock.advance(Duration.ofHours(24).minusSeconds(1));
        Http.Response withinTheDay = post(brand, "daily", body);
        assertThat(withinTheDay.status()).as("a retry within 24 hours executes nothing").isEqualTo(409);
        assertThat(withinTheDay.json().get("original_response").get("body")).isEqualTo(first.json());

        clock.advance(Duration.ofSeconds(2));
        Http.Response nextDay = post(brand, "daily", body);
        assertThat(nextDay.status()).as("a retry after 24 hours is a new request").isEqualTo(201);
        assertThat(nextDay.json().get("customer_id")).isNotEqualTo(first.json().get("customer_id"));
        assertThat(post(brand, "daily", body).status()).as("and holds the key again").isEqualTo(409);
    }

    @Test
    void thePurgeRemovesKeysOlderThan24HoursAndKeepsYoungerOnes() {
        Brand brand = newBrand();
        String body = Http.JSON.writeValueAsString(customerBody());
        assertThat(post(brand, "old", body).status()).isEqualTo(201);
        clock.advance(Duration.ofHours(12));
        assertThat(post(brand, "young", body).status()).isEqualTo(201);

        clock.advance(Duration.ofHours(12).plusSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> keys(brand, "old") == 0);
        assertThat(keys(brand, "young")).as("12 hours old: kept").isEqualTo(1);

        clock.advance(Duration.ofHours(12));
        await().atMost(Duration.ofSeconds(10)).until(() -> keys(brand, "young") == 0);
    }
}
