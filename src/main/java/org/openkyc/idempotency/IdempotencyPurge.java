package org.openkyc.idempotency;

import java.time.Clock;
import java.time.Duration;

import org.openkyc.db.DbTime;
import org.openkyc.db.SweepLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes keys past their 24 hours (SPEC §6). Every instance schedules it and one of them does
 * each round ({@link SweepLock}); deleting twice would be harmless, only wasted.
 */
@Component
class IdempotencyPurge {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

    static final String SWEEP = "idempotency-purge";

    private final IdempotencyStore store;
    private final Clock clock;
    private final SweepLock lock;
    private final Duration interval;

    IdempotencyPurge(IdempotencyStore store, Clock clock, SweepLock lock, @Value("${openkyc.idempotency.purge-interval:10m}") Duration interval) {
        this.clock = clock;
        this.lock = lock;
        this.interval = interval;
        this.store = store;
    }

    @Scheduled(fixedDelayString = "${openkyc.idempotency.purge-interval:10m}", initialDelayString = "${openkyc.idempotency.purge-interval:10m}")
    void purge() {
        try {
            lock.runRound(SWEEP, interval, this::purgeExpired);
        } catch (RuntimeException e) {
            log.warn("idempotency purge not claimed: {}", e.getClass().getSimpleName());
        }
    }

    private void purgeExpired() {
        try {
            int purged = store.purgeExpired(DbTime.now(clock));
            if (purged > 0) {
                log.info("purged {} expired idempotency keys", purged);
            }
        } catch (RuntimeException e) {
            log.warn("idempotency purge failed: {}", e.getClass().getSimpleName());
        }
    }
}
