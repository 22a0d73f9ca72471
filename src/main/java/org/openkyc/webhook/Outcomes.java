package org.openkyc.webhook;

import java.time.Duration;
import java.time.Instant;

/**
 * Classifies what came of an attempt (SPEC §7.3): a 2xx succeeded; a 410 means the receiver is
 * gone (the delivery fails and the subscription is disabled); anything else is retried on the
 * schedule, honouring Retry-After, until the schedule is used up. A receiver that had its share in
 * flight postpones the delivery without counting an attempt.
 */
final class Outcomes {

    /** A delivery whose receiver has its share in flight waits this long, so a dead receiver costs little churn. */
    static final Duration SATURATED_HOST_BACKOFF = Duration.ofSeconds(2);

    private final RetrySchedule schedule;

    Outcomes(RetrySchedule schedule) {
        this.schedule = schedule;
    }

    /** The attempt made at {@code started}, over at {@code now}, that ended in {@code exchange} (answered or failed). */
    AttemptLog.Sent attempted(WebhookRepository.Delivery d, Instant started, Instant now, Exchange exchange) {
        Integer status = exchange instanceof Exchange.Answered a ? a.status() : null;
        String body = exchange instanceof Exchange.Answered a ? a.body() : null;
        Duration retryAfter = exchange instanceof Exchange.Answered a ? a.retryAfter() : null;
        String error = exchange instanceof Exchange.Failed f ? f.error() : null;
        int attempt = d.attempts() + 1;
        int latency = (int) Duration.between(started, now).toMillis();
        boolean success = status != null && status >= 200 && status < 300;
        boolean gone = status != null && status == 410;
        Duration wait = success || gone ? null : schedule.next(attempt, retryAfter);
        String newStatus = success ? "succeeded" : (gone || wait == null) ? "failed" : "pending";
        Instant nextAt = wait == null ? null : now.plus(wait);
        AttemptLog.Effect effect = success ? AttemptLog.Effect.SUCCEEDED : gone ? AttemptLog.Effect.GONE : AttemptLog.Effect.FAILING;
        return new AttemptLog.Sent(d, new WebhookRepository.Attempt(attempt, started, status, latency, body, error, nextAt), newStatus, effect);
    }

    /** The subscription was disabled or deleted after the delivery was claimed: it ends without a request. */
    static AttemptLog.Sent cancelled(WebhookRepository.Delivery d, Instant now) {
        return new AttemptLog.Sent(d, new WebhookRepository.Attempt(d.attempts() + 1, now, null, 0, null, "subscription disabled or deleted", null),
                "cancelled", AttemptLog.Effect.NONE);
    }

    /** No turn came free at the receiver: due again a little later, no attempt counted. */
    static AttemptLog.Postponed postponed(WebhookRepository.Delivery d, Instant now) {
        return new AttemptLog.Postponed(d, now.plus(SATURATED_HOST_BACKOFF));
    }
}
