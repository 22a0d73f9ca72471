package org.openkyc.webhook;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** SPEC §7.3: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h after each failure, ±20 % jitter. */
final class RetrySchedule {

    static final List<Duration> DELAYS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14), Duration.ofHours(20), Duration.ofHours(24));
    /** A receiver's Retry-After is honoured up to this long. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    private final double scale;

    /** @param scale 1 in production; tests shrink the schedule instead of sleeping for hours */
    RetrySchedule(double scale) {
        this.scale = scale;
    }

    /**
     * The wait before the next attempt after {@code attemptsMade} failed ones, or null when the
     * schedule is used up.
     */
    Duration next(int attemptsMade, Duration retryAfter) {
        if (attemptsMade > DELAYS.size()) {
            return null;
        }
        Duration base = DELAYS.get(attemptsMade - 1);
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        Duration scheduled = Duration.ofMillis(Math.max(1, (long) (base.toMillis() * jitter * scale)));
        if (retryAfter != null) {
            // The receiver's own wait is honoured as asked (no jitter that could make it early), within reason.
            Duration asked = Duration.ofMillis((long) (Math.min(retryAfter.toMillis(), MAX_RETRY_AFTER.toMillis()) * scale));
            return asked.compareTo(scheduled) > 0 ? asked : scheduled;
        }
        return scheduled;
    }
}
