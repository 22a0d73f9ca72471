package org.openkyc.worker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background loop for table-claimed work (evaluations, deliveries): runs a round, and when the
 * round found nothing more to do, sleeps until the poll interval passes or {@link #wakeUp()} is
 * called (e.g. after a commit that created work). A failed round is logged and the loop goes on:
 * a loop that died would leave its work undone with no sign of it.
 */
public final class WorkerLoop {

    private static final Logger log = LoggerFactory.getLogger(WorkerLoop.class);

    /** One round of work; returns true when more work may be waiting, to go again at once. */
    @FunctionalInterface
    public interface Round {
        boolean run();
    }

    private final String name;
    private final Duration pollInterval;
    private final Duration gather;
    private final Round round;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private boolean signalled;
    private boolean urgent;
    private volatile boolean running;
    private Thread thread;

    public WorkerLoop(String name, Duration pollInterval, Round round) {
        this(name, pollInterval, Duration.ZERO, round);
    }

    /**
     * @param gather how long to wait, once woken by {@link #wakeUpToGather()}, for more work to
     *               arrive before the round: under load one round then takes what many commits
     *               created (fewer, larger transactions); idle, it delays the first piece of work by
     *               at most this much. {@link #wakeUp()} does not wait.
     */
    public WorkerLoop(String name, Duration pollInterval, Duration gather, Round round) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.gather = gather;
        this.round = round;
    }

    public void start() {
        running = true;
        thread = Thread.ofPlatform().name(name).daemon(true).start(this::loop);
    }

    public void stop() {
        running = false;
        wakeUp();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean running() {
        return running;
    }

    /** Run a round now. */
    public void wakeUp() {
        wake(false);
    }

    /** Run a round soon: after the loop's gathering time, together with whatever else arrives meanwhile. */
    public void wakeUpToGather() {
        wake(true);
    }

    private void wake(boolean gathering) {
        lock.lock();
        try {
            signalled = true;
            urgent |= !gathering;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            boolean more = false;
            try {
                more = round.run();
            } catch (RuntimeException e) {
                log.warn("{} round failed: {}", name, e.getClass().getSimpleName());
            } catch (Error e) {
                log.error("{} round failed: {}", name, e.getClass().getSimpleName());
            }
            if (!more) {
                await();
            }
        }
    }

    private void await() {
        boolean gathering;
        lock.lock();
        try {
            if (!signalled && running) {
                work.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            }
            gathering = signalled && !urgent && running && !gather.isZero();
            signalled = false;
            urgent = false;
            if (gathering) {
                // Gather; an urgent wake-up (or stop) in the meantime ends the wait early.
                long until = System.nanoTime() + gather.toNanos();
                for (long left = gather.toNanos(); left > 0 && !urgent && running; left = until - System.nanoTime()) {
                    work.awaitNanos(left);
                }
                signalled = false;
                urgent = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
