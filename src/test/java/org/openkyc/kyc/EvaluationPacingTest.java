package org.openkyc.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The evaluator's back-pressure on new starts, on a clock the test moves (plain Java, no Spring). */
@Timeout(30)
class EvaluationPacingTest {

    private static final Duration ON_TIME = Duration.ofMillis(300);
    private static final Duration LATE = Duration.ofSeconds(6);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** Paced from 5 s late; a start waits at most 10 s (the tests hand out its turn or catch up first). */
    private final EvaluationPacing pacing = new EvaluationPacing(Duration.ofSeconds(5), Duration.ofSeconds(10), 100, meters, now::get);

    private void later(Duration d) {
        now.addAndGet(d.toNanos());
    }

    private CompletableFuture<Void> start(EvaluationPacing pacing) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            pacing.awaitTurn();
            done.complete(null);
        });
        return done;
    }

    private CompletableFuture<Void> start() {
        return start(pacing);
    }

    private double paced() {
        return meters.get("openkyc.kyc.start.paced").counter().count();
    }

    private void awaitPaced(double count) {
        while (paced() < count) {
            Thread.onSpinWait();
        }
    }

    @Test
    void anEvaluatorOnTimePacesNoOneHoweverFullItsRounds() {
        for (int i = 0; i < 20; i++) {
            pacing.round(512, ON_TIME);
            later(Duration.ofSeconds(1));
        }
        pacing.round(512, Duration.ofMillis(4_900));
        assertThat(pacing.pacing()).isFalse();
        start().join();
        assertThat(paced()).isZero();
    }

    @Test
    void aLateEvaluatorMakesEachStartWaitForAnAttemptDecided() throws Exception {
        pacing.round(512, LATE);
        assertThat(pacing.pacing()).isTrue();
        CompletableFuture<Void> first = start();
        CompletableFuture<Void> second = start();
        awaitPaced(2);
        Thread.sleep(100);
        assertThat(first.isDone() || second.isDone()).as("no turn handed out yet").isFalse();

        pacing.round(1, LATE);
        CompletableFuture.anyOf(first, second).join();
        assertThat(first.isDone() && second.isDone()).as("one decision, one start").isFalse();
        pacing.round(1, LATE);
        CompletableFuture.allOf(first, second).join();
    }

    @Test
    void turnsPileUpOnlyToTheLimitSoABurstOfStartsStaysPaced() {
        pacing.round(0, LATE);
        pacing.round(1_000, LATE); // starts came slower than decisions: at most 100 turns wait for them
        for (int i = 0; i < 100; i++) {
            start().join();
        }
        CompletableFuture<Void> oneMore = start();
        awaitPaced(101);
        assertThat(oneMore).isNotDone();
        pacing.round(1, LATE);
        oneMore.join();
    }

    @Test
    void pacingLastsUntilTheEvaluatorIsLessThanHalfAsLateAndThenWaitingStartsGoAtOnce() {
        pacing.round(512, LATE);
        CompletableFuture<Void> waiting = start();
        awaitPaced(1);
        pacing.round(0, Duration.ofSeconds(3)); // catching up, not caught up: still paced
        assertThat(pacing.pacing()).isTrue();
        assertThat(waiting).isNotDone();
        pacing.round(0, Duration.ofSeconds(2));
        waiting.join();
        assertThat(pacing.pacing()).isFalse();
        start().join();
        assertThat(paced()).isEqualTo(1.0);
    }

    @Test
    void anEvaluatorThatStoppedReportingPacesNoOne() {
        pacing.round(512, LATE);
        assertThat(pacing.pacing()).isTrue();
        later(Duration.ofSeconds(16)); // longer than pacing-after + the longest wait since its last report
        assertThat(pacing.pacing()).isFalse();
        start().join();
        assertThat(paced()).isZero();
    }

    @Test
    void aStartWaitsNoLongerThanTheLongestWait() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        EvaluationPacing shortWaits = new EvaluationPacing(Duration.ofSeconds(5), Duration.ofMillis(50), 100, own, now::get);
        shortWaits.round(512, LATE);
        start(shortWaits).join(); // no decision ever comes: it goes ahead after 50 ms
        assertThat(own.get("openkyc.kyc.start.paced.waited.out").counter().count()).isEqualTo(1.0);
    }

    @Test
    void pacingAfterZeroIsOff() {
        EvaluationPacing off = new EvaluationPacing(Duration.ZERO, Duration.ofSeconds(10), 100, new SimpleMeterRegistry(), now::get);
        off.round(512, Duration.ofMinutes(5));
        assertThat(off.pacing()).isFalse();
    }
}
