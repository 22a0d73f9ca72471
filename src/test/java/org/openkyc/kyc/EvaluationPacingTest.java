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

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** Paced after 2 s behind; a start waits at most 10 s (the tests hand out its turn or catch up first). */
    private final EvaluationPacing pacing = new EvaluationPacing(Duration.ofSeconds(2), Duration.ofSeconds(10), 100, meters, now::get);

    private void later(Duration d) {
        now.addAndGet(d.toNanos());
    }

    private CompletableFuture<Void> start() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            pacing.awaitTurn();
            done.complete(null);
        });
        return done;
    }

    private double paced() {
        return meters.get("openkyc.kyc.start.paced").counter().count();
    }

    /** Behind for the whole pacing-after time, reported once a second. */
    private void behindFor(Duration d) {
        for (long s = 0; s <= d.toSeconds(); s++) {
            pacing.evaluatorBehind(true);
            if (s < d.toSeconds()) {
                later(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    void anEvaluatorThatKeepsPaceOrFallsBehindBrieflyPacesNoOne() {
        pacing.evaluatorBehind(false);
        start().join();
        behindFor(Duration.ofSeconds(1));
        assertThat(pacing.pacing()).isFalse();
        start().join();
        pacing.evaluatorBehind(false);
        later(Duration.ofSeconds(5));
        pacing.evaluatorBehind(true); // a new run of full rounds starts counting again
        assertThat(pacing.pacing()).isFalse();
        assertThat(paced()).isZero();
    }

    @Test
    void behindLongEnoughEachStartWaitsForAnAttemptDecided() throws Exception {
        behindFor(Duration.ofSeconds(2));
        assertThat(pacing.pacing()).isTrue();
        CompletableFuture<Void> first = start();
        CompletableFuture<Void> second = start();
        while (paced() < 2) {
            Thread.onSpinWait();
        }
        Thread.sleep(100);
        assertThat(first.isDone() || second.isDone()).as("no turn handed out yet").isFalse();

        pacing.decided(1);
        CompletableFuture.anyOf(first, second).join();
        assertThat(first.isDone() && second.isDone()).as("one decision, one start").isFalse();
        pacing.decided(1);
        CompletableFuture.allOf(first, second).join();
    }

    @Test
    void turnsPileUpOnlyToTheLimitSoABurstOfStartsStaysPaced() {
        behindFor(Duration.ofSeconds(2));
        pacing.decided(1_000); // starts came slower than decisions: at most 100 turns wait for them
        for (int i = 0; i < 100; i++) {
            start().join();
        }
        CompletableFuture<Void> oneMore = start();
        while (paced() < 101) {
            Thread.onSpinWait();
        }
        assertThat(oneMore).isNotDone();
        pacing.decided(1);
        oneMore.join();
    }

    @Test
    void whenTheEvaluatorCatchesUpWaitingStartsGoAtOnce() {
        behindFor(Duration.ofSeconds(3));
        CompletableFuture<Void> waiting = start();
        while (paced() < 1) {
            Thread.onSpinWait();
        }
        pacing.evaluatorBehind(false);
        waiting.join();
        assertThat(pacing.pacing()).isFalse();
        start().join();
        assertThat(paced()).isEqualTo(1.0);
    }

    @Test
    void anEvaluatorThatStoppedReportingPacesNoOne() {
        behindFor(Duration.ofSeconds(2));
        assertThat(pacing.pacing()).isTrue();
        later(Duration.ofSeconds(13)); // longer than pacing-after + the longest wait since its last report
        assertThat(pacing.pacing()).isFalse();
        start().join();
        assertThat(paced()).isZero();
    }

    @Test
    void aStartWaitsNoLongerThanTheLongestWait() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        EvaluationPacing shortWaits = new EvaluationPacing(Duration.ofSeconds(2), Duration.ofMillis(50), 100, own, now::get);
        for (int s = 0; s <= 2; s++) {
            shortWaits.evaluatorBehind(true);
            later(Duration.ofSeconds(1));
        }
        shortWaits.evaluatorBehind(true);
        shortWaits.awaitTurn(); // no decision ever comes: it goes ahead after 50 ms
        assertThat(own.get("openkyc.kyc.start.paced.waited.out").counter().count()).isEqualTo(1.0);
    }

    @Test
    void pacingAfterZeroIsOff() {
        EvaluationPacing off = new EvaluationPacing(Duration.ZERO, Duration.ofSeconds(10), 100, new SimpleMeterRegistry(), now::get);
        for (int i = 0; i < 10; i++) {
            off.evaluatorBehind(true);
            later(Duration.ofSeconds(1));
        }
        assertThat(off.pacing()).isFalse();
    }
}
