package org.openkyc.idempotency;

import java.time.Clock;

import org.openkyc.db.DbTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes keys past their 24 hours (SPEC §6). Any instance may run it; deleting twice is harmless. */
@Component
class IdempotencyPurge {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final IdempotencyStore store;
    private final Clock clock;

    IdempotencyPurge(IdempotencyStore store, Clock clock) {
        this.clock = clock;
        this.store = store;
    }

    @Scheduled(fixedDelayString = "${openkyc.idempotency.purge-interval:10m}", initialDelayString = "${openkyc.idempotency.purge-interval:10m}")
    void purge() {
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
