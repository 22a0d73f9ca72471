package org.openkyc.kyc;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Back-pressure from the evaluator to new KYC starts. Submissions and evaluations share the same
 * cores; under a flood the cheaper of the two (accepting a start) takes the cores from the dearer
 * (deciding it, with every live check), and the backlog of undecided attempts grows for as long as
 * the flood lasts: a customer would wait minutes for an answer that the service has accepted in
 * milliseconds. Once the evaluator is late (the oldest attempt of a round had been due for
 * {@code pacingAfter} or more), each new start waits for a turn, and the evaluator hands out one
 * turn per attempt it has decided: starts go at the rate decisions do, so the backlog stops growing
 * and the cores left over go to deciding. (How late, not how full the rounds are: under a sandbox
 * flood the rounds are full while every attempt is decided within a second.) A start never waits longer than {@code maxWait}
 * (it then goes ahead anyway: pacing slows, it never refuses). Plain Java; the evaluator calls
 * {@link #round}, the start path {@link #awaitTurn}.
 */
@Component
final class EvaluationPacing {

    private final Duration pacingAfter;
    private final long maxWaitNanos;
    private final int mostTurns;
    private final LongSupplier nanoTime;
    private final Semaphore turns = new Semaphore(0);
    private final Counter paced;
    private final Counter waitedOut;
    private final Timer waits;

    private volatile boolean pacing;
    /** When the evaluator last reported: an evaluator that stopped (shut down, stuck) paces no one. */
    private volatile long lastReport;

    @Autowired
    EvaluationPacing(KycProperties properties, MeterRegistry meters) {
        this(properties.pacingAfter(), properties.pacingMaxWait(),
                2 * Math.max(properties.maxBatchSize(), properties.batchSize()) * Math.max(1, properties.parallelRounds()), meters, System::nanoTime);
    }

    /**
     * @param pacingAfter how late the evaluator must be before starts wait (zero: pacing off)
     * @param maxWait     a start's longest wait for a turn
     * @param mostTurns   turns that may pile up while starts come slower than decisions
     */
    EvaluationPacing(Duration pacingAfter, Duration maxWait, int mostTurns, MeterRegistry meters, LongSupplier nanoTime) {
        this.pacingAfter = pacingAfter;
        this.maxWaitNanos = maxWait.toNanos();
        this.mostTurns = Math.max(1, mostTurns);
        this.nanoTime = nanoTime;
        this.paced = Counter.builder("openkyc.kyc.start.paced").description("KYC starts that waited for the evaluator to catch up").register(meters);
        this.waitedOut = Counter.builder("openkyc.kyc.start.paced.waited.out")
                .description("Paced KYC starts that went ahead after the longest wait").register(meters);
        this.waits = Timer.builder("openkyc.kyc.start.pacing.wait").description("Time a paced KYC start waited for its turn").register(meters);
        Gauge.builder("openkyc.kyc.pacing", () -> pacing ? 1 : 0).description("1 while KYC starts are paced to the evaluator").register(meters);
    }

    /** Whether new starts wait for turns now: the evaluator is late, and still reports. */
    boolean pacing() {
        return pacing && nanoTime.getAsLong() - lastReport <= pacingAfter.toNanos() + maxWaitNanos;
    }

    /**
     * After each evaluator round: {@code decided} attempts done, and how long the longest-waiting
     * of them had been due ({@code late}; zero for a round that found nothing). Starts are paced
     * from a round whose oldest attempt waited {@code pacingAfter} or more, until a round's oldest
     * waited less than half of it; while paced, each attempt decided is a turn for a start.
     */
    void round(int decided, Duration late) {
        long now = nanoTime.getAsLong();
        lastReport = now;
        if (pacingAfter.isZero()) {
            return;
        }
        if (!pacing && late.compareTo(pacingAfter) >= 0) {
            turns.drainPermits();
            pacing = true; // turns from the next round on: this one's were decided before any start waited
            return;
        }
        if (pacing && late.compareTo(pacingAfter.dividedBy(2)) < 0) {
            pacing = false;
            // Every waiting start gets a turn now; what is left over is drained when pacing starts again
            // (draining here could take the turns back from starts that have not woken yet).
            turns.release(turns.getQueueLength() + mostTurns);
            return;
        }
        if (pacing) {
            turns.release(Math.max(0, Math.min(decided, mostTurns - turns.availablePermits())));
        }
    }

    /** Before a start is committed: returns at once unless the evaluator is behind; then waits for a turn, at most the longest wait. */
    void awaitTurn() {
        if (!pacing()) {
            return;
        }
        paced.increment();
        long start = nanoTime.getAsLong();
        try {
            if (!turns.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                waitedOut.increment();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waits.record(nanoTime.getAsLong() - start, TimeUnit.NANOSECONDS);
        }
    }
}
