package org.openkyc.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.MutableClock;

/**
 * The sweep lock on the test database (H2, and PostgreSQL in the second run), two holders as two
 * instances would be, with time in the test's hands: one round per interval whoever asks, and a
 * claim whose holder never finishes runs out.
 */
class SweepLockTest extends ApiTestBase {

    private static final Duration EVERY = Duration.ofSeconds(30);
    private static final Duration AT_MOST = Duration.ofMinutes(2);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final String sweep = "test-" + UUID.randomUUID().toString().substring(0, 8);

    private SweepLock instance() {
        return new SweepLock(jdbc, clock, AT_MOST, new SimpleMeterRegistry());
    }

    private Instant heldUntil() {
        return DbTime.fromDb(jdbc.sql("SELECT held_until FROM sweep_lock WHERE name = ?").param(sweep).query(OffsetDateTime.class).single());
    }

    @Test
    void oneInstanceDoesEachRoundAndTheNextRoundIsDueOneIntervalAfterTheLastBegan() {
        SweepLock one = instance();
        SweepLock two = instance();
        AtomicInteger rounds = new AtomicInteger();

        assertThat(one.runRound(sweep, EVERY, rounds::incrementAndGet)).as("the first round ever makes the row").isTrue();
        assertThat(two.runRound(sweep, EVERY, rounds::incrementAndGet)).isFalse();
        assertThat(one.runRound(sweep, EVERY, rounds::incrementAndGet)).as("the holder itself waits too").isFalse();
        clock.advance(EVERY.minusMillis(1));
        assertThat(two.runRound(sweep, EVERY, rounds::incrementAndGet)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(two.runRound(sweep, EVERY, rounds::incrementAndGet)).isTrue();
        assertThat(one.runRound(sweep, EVERY, rounds::incrementAndGet)).isFalse();
        assertThat(rounds).hasValue(2);
        assertThat(jdbc.sql("SELECT holder FROM sweep_lock WHERE name = ?").param(sweep).query(String.class).single())
                .as("the row names who did the last round").startsWith(java.lang.management.ManagementFactory.getRuntimeMXBean().getName());
    }

    @Test
    void noOtherRoundRunsWhileOneDoesAndAHolderThatNeverFinishesLosesItsClaimAfterTheMost() {
        SweepLock stuck = instance();
        SweepLock other = instance();
        AtomicBoolean otherRan = new AtomicBoolean();
        AtomicBoolean skippedDuringTheRound = new AtomicBoolean();

        stuck.runRound(sweep, EVERY, () -> {
            clock.advance(EVERY.plusSeconds(1)); // the round outlasts its interval, not its claim
            skippedDuringTheRound.set(!other.runRound(sweep, EVERY, () -> { }));
            clock.advance(AT_MOST); // the holder is as good as dead: its claim has run out
            otherRan.set(other.runRound(sweep, EVERY, () -> { }));
        });

        assertThat(skippedDuringTheRound).isTrue();
        assertThat(otherRan).as("a claim runs out after hold-at-most").isTrue();
        assertThat(heldUntil()).as("the late holder's release leaves the new holder's claim alone")
                .isEqualTo(clock.instant().plus(EVERY));
    }

    @Test
    void aRoundThatOutlastsItsIntervalFreesTheRowWhenItEndsAndAFailedRoundFreesItToo() {
        SweepLock one = instance();
        SweepLock two = instance();
        one.runRound(sweep, EVERY, () -> clock.advance(EVERY.multipliedBy(2)));
        assertThat(heldUntil()).isEqualTo(clock.instant());
        assertThatThrownBy(() -> two.runRound(sweep, EVERY, () -> {
            throw new IllegalStateException("round failed");
        })).hasMessage("round failed");
        assertThat(heldUntil()).as("held one interval from the failed round's start").isEqualTo(clock.instant().plus(EVERY));
        assertThat(one.runRound(sweep, EVERY, () -> { })).isFalse();
    }

    @Test
    void sweepsAreLockedApart() {
        SweepLock one = instance();
        String another = sweep + "-b";
        assertThat(one.runRound(sweep, EVERY, () -> { })).isTrue();
        assertThat(instance().runRound(another, EVERY, () -> { })).isTrue();
        assertThat(one.runRound(another, EVERY, () -> { })).isFalse();
    }
}
