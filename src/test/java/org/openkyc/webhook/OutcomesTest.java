package org.openkyc.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The classification of an attempt's outcome (SPEC §7.3), row by row: what each answer or failure makes of the delivery. */
class OutcomesTest {

    private static final Instant STARTED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant NOW = STARTED.plusMillis(250);
    private final Outcomes outcomes = new Outcomes(new RetrySchedule(1.0));

    private static WebhookRepository.Delivery delivery(int attemptsMade) {
        return new WebhookRepository.Delivery(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "customer.created",
                "pending", attemptsMade, STARTED, null, null, STARTED.minusSeconds(60));
    }

    private static Exchange answered(int status) {
        return new Exchange.Answered(status, "body " + status, null);
    }

    /** exchange, attempts made before, new status, effect, the wait before the next attempt (null: none) */
    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of(answered(200), 0, "succeeded", AttemptLog.Effect.SUCCEEDED, null),
                Arguments.of(answered(204), 3, "succeeded", AttemptLog.Effect.SUCCEEDED, null),
                Arguments.of(answered(299), 0, "succeeded", AttemptLog.Effect.SUCCEEDED, null),
                Arguments.of(answered(199), 0, "pending", AttemptLog.Effect.FAILING, RetrySchedule.DELAYS.get(0)),
                Arguments.of(answered(300), 0, "pending", AttemptLog.Effect.FAILING, RetrySchedule.DELAYS.get(0)),
                Arguments.of(answered(404), 1, "pending", AttemptLog.Effect.FAILING, RetrySchedule.DELAYS.get(1)),
                Arguments.of(answered(410), 0, "failed", AttemptLog.Effect.GONE, null),
                Arguments.of(answered(410), 8, "failed", AttemptLog.Effect.GONE, null),
                Arguments.of(answered(500), 8, "pending", AttemptLog.Effect.FAILING, RetrySchedule.DELAYS.get(8)),
                Arguments.of(answered(500), 9, "failed", AttemptLog.Effect.FAILING, null),
                Arguments.of(new Exchange.Failed("timed out after 15 s"), 0, "pending", AttemptLog.Effect.FAILING, RetrySchedule.DELAYS.get(0)),
                Arguments.of(new Exchange.Failed("connection failed: ConnectException"), 9, "failed", AttemptLog.Effect.FAILING, null));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void classifies(Exchange exchange, int attemptsMade, String newStatus, AttemptLog.Effect effect, Duration scheduled) {
        WebhookRepository.Delivery d = delivery(attemptsMade);
        AttemptLog.Sent sent = outcomes.attempted(d, STARTED, NOW, exchange);

        assertThat(sent.delivery()).isSameAs(d);
        assertThat(sent.newStatus()).isEqualTo(newStatus);
        assertThat(sent.effect()).isEqualTo(effect);
        WebhookRepository.Attempt a = sent.attempt();
        assertThat(a.attempt()).isEqualTo(attemptsMade + 1);
        assertThat(a.attemptedAt()).isEqualTo(STARTED);
        assertThat(a.latencyMs()).isEqualTo(250);
        if (exchange instanceof Exchange.Answered answer) {
            assertThat(a.httpStatus()).isEqualTo(answer.status());
            assertThat(a.responseBody()).isEqualTo(answer.body());
            assertThat(a.error()).isNull();
        } else {
            assertThat(a.httpStatus()).isNull();
            assertThat(a.responseBody()).isNull();
            assertThat(a.error()).isEqualTo(((Exchange.Failed) exchange).error());
        }
        if (scheduled == null) {
            assertThat(a.nextRetryAt()).isNull();
        } else { // the schedule's delay with its ±20 % jitter
            assertThat(a.nextRetryAt()).isBetween(NOW.plusMillis(scheduled.toMillis() * 8 / 10), NOW.plusMillis(scheduled.toMillis() * 12 / 10));
        }
    }

    @Test
    void aReceiversRetryAfterIsHonouredWhenLongerThanTheSchedule() {
        AttemptLog.Sent sent = outcomes.attempted(delivery(0), STARTED, NOW, new Exchange.Answered(429, null, Duration.ofHours(1)));
        assertThat(sent.newStatus()).isEqualTo("pending");
        assertThat(sent.attempt().nextRetryAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));

        AttemptLog.Sent shorter = outcomes.attempted(delivery(1), STARTED, NOW, new Exchange.Answered(503, null, Duration.ofSeconds(1)));
        assertThat(shorter.attempt().nextRetryAt()).as("the schedule's 5 minutes, not the asked second")
                .isAfterOrEqualTo(NOW.plus(Duration.ofMinutes(4)));
    }

    @Test
    void aDisabledSubscriptionCancelsAndASaturatedReceiverPostponesWithoutAnAttempt() {
        WebhookRepository.Delivery d = delivery(2);
        AttemptLog.Sent cancelled = Outcomes.cancelled(d, NOW);
        assertThat(cancelled.newStatus()).isEqualTo("cancelled");
        assertThat(cancelled.effect()).isEqualTo(AttemptLog.Effect.NONE);
        assertThat(cancelled.attempt().attempt()).isEqualTo(3);
        assertThat(cancelled.attempt().httpStatus()).isNull();
        assertThat(cancelled.attempt().nextRetryAt()).isNull();
        assertThat(cancelled.attempt().error()).isEqualTo("subscription disabled or deleted");

        AttemptLog.Postponed postponed = Outcomes.postponed(d, NOW);
        assertThat(postponed.delivery()).isSameAs(d);
        assertThat(postponed.at()).isEqualTo(NOW.plus(Outcomes.SATURATED_HOST_BACKOFF));
    }

    @Test
    void aReceiversAnswerIsReadForRecording() {
        assertThat(WebhookSender.retryAfter(" 120 ")).isEqualTo(Duration.ofSeconds(120));
        assertThat(WebhookSender.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT")).as("an HTTP date: the schedule applies").isNull();
        assertThat(WebhookSender.clean("a\u0000b")).isEqualTo("ab");
        assertThat(WebhookSender.clean(null)).isNull();
    }
}
