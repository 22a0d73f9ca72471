package org.openkyc.db;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lets one instance do each round of a periodic sweep that every instance schedules (deadlines,
 * purges): a round first claims the sweep's row in {@code sweep_lock} with one conditional UPDATE
 * (the row is free when its {@code held_until} has passed), and an instance that does not get it
 * skips the round. A claim is held for at most {@code openkyc.sweeps.hold-at-most} while the round
 * runs, so a holder that dies mid-round blocks the sweep no longer than that; a round that finishes
 * keeps the row until one interval after it began, so the instances together sweep once per
 * interval, as one instance alone would. Rounds stay safe to run twice (a holder that outlives its
 * claim): the lock saves the work, it does not guard correctness.
 *
 * <p>Times are the instances' clocks (the application {@link Clock}); clocks apart by a few seconds
 * shift a round by as much, no more. Not for use inside a transaction (a first claim may meet
 * another instance's insert of the same row).
 */
@Component
public class SweepLock {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration holdAtMost;
    private final MeterRegistry meters;
    private final String instance;
    private final AtomicLong claims = new AtomicLong();

    SweepLock(JdbcClient jdbc, Clock clock, @Value("${openkyc.sweeps.hold-at-most:10m}") Duration holdAtMost, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.holdAtMost = holdAtMost;
        this.meters = meters;
        this.instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Runs {@code round} if this instance claims the sweep's current round.
     *
     * @param every the sweep's interval: the row stays held that long from the round's start
     * @return whether this instance ran the round
     */
    public boolean runRound(String sweep, Duration every, Runnable round) {
        Instant start = DbTime.now(clock);
        String holder = instance + "#" + claims.incrementAndGet();
        if (!claim(sweep, holder, start)) {
            meters.counter("openkyc.sweeps", "sweep", sweep, "result", "skipped").increment();
            return false;
        }
        try {
            round.run();
        } finally {
            release(sweep, holder, later(start.plus(every), DbTime.now(clock)));
            meters.counter("openkyc.sweeps", "sweep", sweep, "result", "ran").increment();
        }
        return true;
    }

    private boolean claim(String sweep, String holder, Instant now) {
        Object until = DbTime.toDb(now.plus(holdAtMost));
        if (jdbc.sql("UPDATE sweep_lock SET held_until = ?, holder = ? WHERE name = ? AND held_until <= ?")
                .params(until, holder, sweep, DbTime.toDb(now)).update() == 1) {
            return true;
        }
        try { // the first round ever: the row is made claimed; an instance that made it first wins
            return jdbc.sql("INSERT INTO sweep_lock (name, held_until, holder) SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM sweep_lock WHERE name = ?)")
                    .params(sweep, until, holder, sweep).update() == 1;
        } catch (DuplicateKeyException anotherInstanceFirst) {
            return false;
        }
    }

    /** Keeps the row until {@code until}, unless the claim ran out and another instance holds it now. */
    private void release(String sweep, String holder, Instant until) {
        jdbc.sql("UPDATE sweep_lock SET held_until = ? WHERE name = ? AND holder = ?").params(DbTime.toDb(until), sweep, holder).update();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
