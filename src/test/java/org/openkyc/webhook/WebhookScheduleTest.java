package org.openkyc.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.LocalReceiver;
import org.openkyc.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * SPEC §7.3 on the server's clock, at the real schedule: a failing delivery is tried again after 5 s,
 * 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h (each ±20 %), then fails for good; a
 * subscription whose deliveries have all failed for 5 days is disabled.
 */
@Import(MutableClock.Config.class)
class WebhookScheduleTest extends ApiTestBase {

    @Autowired
    MutableClock clock;

    private record Tried(int attempt, Instant at, Instant next) {
    }

    private List<Tried> attempts(UUID deliveryId) {
        return jdbc.sql("SELECT attempt, attempted_at, next_retry_at FROM webhook_attempt WHERE delivery_id = ? ORDER BY attempt").param(deliveryId)
                .query((rs, n) -> new Tried(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getObject(3, OffsetDateTime.class) == null ? null : rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
    }

    private UUID deliveryOf(UUID webhookId, String customerId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                SELECT d.delivery_id FROM webhook_delivery d JOIN outbox_event e ON e.event_id = d.event_id
                WHERE d.webhook_id = ? AND e.customer_id = ?""").params(webhookId, UUID.fromString(customerId)).query(UUID.class).optional()
                .orElse(null), id -> id != null);
    }

    private String deliveryStatus(UUID deliveryId) {
        return jdbc.sql("SELECT status FROM webhook_delivery WHERE delivery_id = ?").param(deliveryId).query(String.class).single();
    }

    private String subscriptionStatus(Brand brand, UUID webhookId) {
        return brand.api().get("/api/v0.1/webhooks/" + webhookId).json().get("status").stringValue();
    }

    @Test
    void aFailingDeliveryIsRetriedOnTheWholeScheduleThenFailsAndTheSubscriptionIsDisabledAfterFiveDays() throws Exception {
        try (LocalReceiver receiver = new LocalReceiver()) {
            receiver.answer(n -> 500);
            Brand brand = newBrand();
            Http.Response subscribed = brand.api().post("/api/v0.1/webhooks", Map.of("url", receiver.url("/down"), "events", List.of("customer.created")));
            assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
            UUID webhookId = UUID.fromString(subscribed.json().get("webhook_id").stringValue());
            Instant firstFailure = clock.instant();
            UUID deliveryId = deliveryOf(webhookId, createCustomer(brand, customerBody()));

            List<Duration> schedule = RetrySchedule.DELAYS;
            for (int i = 0; i < schedule.size(); i++) {
                int made = i + 1;
                List<Tried> tried = await().atMost(Duration.ofSeconds(10)).until(() -> attempts(deliveryId), t -> t.size() == made);
                Tried last = tried.getLast();
                Duration waited = Duration.between(last.at(), last.next());
                Duration base = schedule.get(i);
                assertThat(waited).as("wait after attempt " + made).isBetween(base.multipliedBy(8).dividedBy(10), base.multipliedBy(12).dividedBy(10));
                assertThat(deliveryStatus(deliveryId)).isEqualTo("pending");
                clock.advance(Duration.between(clock.instant(), last.next()).plusMillis(1));
            }
            List<Tried> all = await().atMost(Duration.ofSeconds(10)).until(() -> attempts(deliveryId), t -> t.size() == schedule.size() + 1);
            assertThat(all.getLast().next()).as("no retry after the last attempt").isNull();
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveryStatus(deliveryId).equals("failed"));
            assertThat(Duration.between(firstFailure, clock.instant())).as("the schedule ends before the 5 days").isLessThan(Duration.ofDays(4));
            assertThat(subscriptionStatus(brand, webhookId)).isEqualTo("STATUS_ENABLED");

            // A day later a new event fails too: the first delivery stays failed, the subscription (failing < 5 days) enabled.
            clock.advance(Duration.ofDays(1));
            UUID second = deliveryOf(webhookId, createCustomer(brand, customerBody()));
            await().atMost(Duration.ofSeconds(10)).until(() -> attempts(second).size() == 1);
            assertThat(attempts(deliveryId)).hasSize(schedule.size() + 1);
            assertThat(subscriptionStatus(brand, webhookId)).isEqualTo("STATUS_ENABLED");

            // Five days after the first failure, the next failure (the second delivery's retry) disables it.
            clock.advance(Duration.between(clock.instant(), firstFailure.plus(Duration.ofDays(5))).plusMinutes(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriptionStatus(brand, webhookId).equals("STATUS_DISABLED"));
            assertThat(attempts(second)).hasSize(2);
            assertThat(attempts(deliveryId)).hasSize(schedule.size() + 1);
            int received = receiver.received().size();

            // Disabled: a new event makes no delivery, although another subscription of the brand gets it.
            try (LocalReceiver other = new LocalReceiver()) {
                assertThat(brand.api().post("/api/v0.1/webhooks", Map.of("url", other.url("/up"), "events", List.of("customer.created"))).status())
                        .isEqualTo(201);
                String later = createCustomer(brand, customerBody());
                await().atMost(Duration.ofSeconds(10)).until(() -> other.received().size() == 1);
                assertThat(receiver.received()).hasSize(received);
                assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM webhook_delivery d JOIN outbox_event e ON e.event_id = d.event_id
                        WHERE d.webhook_id = ? AND e.customer_id = ?""").params(webhookId, UUID.fromString(later)).query(Long.class).single())
                        .isZero();
            }
        }
    }
}
