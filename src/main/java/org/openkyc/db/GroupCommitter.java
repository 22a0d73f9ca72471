package org.openkyc.db;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Group commit in the application: pieces of work that arrive while others are being written
 * wait in line, and one of a few lanes takes up to {@code groupSize} of them into one transaction.
 * Each member runs as if it were alone (its refusal is its own answer), and all their writes go
 * with one commit: the database does a statement's and a commit's fixed work once per group
 * instead of once per member. Every member is answered after the commit that holds it.
 *
 * <p>A group holds at most one member per key (e.g. the customer a KYC start locks), and none whose
 * key another lane's group holds: such a member waits for a later group, so lanes never wait on
 * each other's locks. If a group's commit fails, nothing of it was written, and
 * <ul>
 * <li>a failure that is one member's but does not say whose (a taken idempotency key) halves the
 * group, again and again, until that member is alone and gets the failure; the halves without it
 * still commit together;</li>
 * <li>a database out of reach fails every member at once (alone, each would wait for a connection
 * in turn);</li>
 * <li>any other failure, which may be one member's own (a conflict, a lock), makes each member run
 * again alone, so that it is only that member's.</li>
 * </ul>
 * What the members are and do is the caller's ({@link Members}); made by {@link GroupCommits}.
 */
public final class GroupCommitter<T, R> {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    /** What a group commit needs to know of its members. */
    public interface Members<T, R> {

        /** At most one member per key is in a group, and none whose key another lane's group holds. */
        Object key(T member);

        /**
         * In the group's transaction: readies the group (e.g. locks all its rows in one statement,
         * in a fixed order) and returns the work of one member, which runs as if it were alone.
         */
        Function<T, R> begin(List<T> group);

        /** Whether a member's work threw that member's own refusal: its answer, and the group goes on. Refusals come before any write. */
        boolean isRefusal(RuntimeException e);

        /**
         * Whether a failed commit failed on one member that the error does not name (a taken
         * idempotency key): the group is halved until that member is alone.
         */
        boolean isUnnamedMemberFailure(RuntimeException e);
    }

    /** Runs work in one transaction and commits it; throws only when nothing of it was committed. */
    @FunctionalInterface
    interface Transaction {
        void run(Runnable work);
    }

    private sealed interface Outcome<R> {
    }

    private record Done<R>(R value) implements Outcome<R> {
    }

    private record Refused<R>(RuntimeException refusal) implements Outcome<R> {
    }

    private record Failed<R>(RuntimeException failure) implements Outcome<R> {
    }

    private record Pending<T, R>(T member, Object key, CompletableFuture<Outcome<R>> outcome) {
    }

    private final String name;
    private final String what;
    private final int groupSize;
    private final int lanes;
    private final Duration groupBudget;
    private final Members<T, R> members;
    private final Transaction transaction;
    private final IntSupplier queuedWrites;
    private final DistributionSummary groupSizes;
    private final Counter failedGroups;
    private final Counter withdrawn;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Pending<T, R>> waiting = new ArrayDeque<>();
    private final Set<Object> keysInFlight = new HashSet<>();
    private final List<Thread> laneThreads = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param name         names the lanes' threads ({@code name-lane-n}) and the metrics
     *                     ({@code openkyc.<name, dots for dashes>.group.size} and {@code .failed})
     * @param what         the members in log lines and the metrics' descriptions, e.g. "KYC starts"
     * @param groupSize    members in one transaction at most; 1 runs each alone on its caller's thread
     * @param groupBudget  each group's time with the database ({@link DatabaseBudget})
     * @param queuedWrites the writes the current transaction has queued so far: a refusal after one
     *                     would commit half a member with the group
     */
    GroupCommitter(String name, String what, int groupSize, int lanes, Duration groupBudget, Members<T, R> members,
                   Transaction transaction, IntSupplier queuedWrites, MeterRegistry meters) {
        this.name = name;
        this.what = what;
        this.groupSize = Math.max(1, groupSize);
        this.lanes = Math.max(1, lanes);
        this.groupBudget = groupBudget;
        this.members = members;
        this.transaction = transaction;
        this.queuedWrites = queuedWrites;
        String metric = "openkyc." + name.replace('-', '.') + ".group";
        this.groupSizes = DistributionSummary.builder(metric + ".size")
                .description(what + " committed together in one transaction").register(meters);
        this.failedGroups = Counter.builder(metric + ".failed")
                .description("Groups of " + what + " whose commit failed; each then ran alone").register(meters);
        this.withdrawn = Counter.builder(metric + ".withdrawn")
                .description(what + " whose caller stopped waiting before a lane took them: never written").register(meters);
    }

    /** Whether members are committed in groups by the lanes now (else each runs on its caller's thread, with a connection of its own). */
    boolean grouping() {
        return groupSize > 1 && running;
    }

    /** Members that may wait or be written at once: enough to fill every lane's next group while the lanes write the current ones. */
    int places() {
        return lanes * groupSize;
    }

    /** Connections the lanes hold at most, each while it writes a group. */
    int connectionsHeld() {
        return groupSize > 1 ? lanes : 0;
    }

    /** Members waiting for a lane. */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs the member's work, committed with other members, and answers with its result, or throws
     * its refusal or the failure that kept it from being committed; waits within the caller's
     * {@link DatabaseBudget} (a lane stuck on a database that stopped answering cannot hold it).
     * In the caller's transaction when it has one, so that its writes commit with the caller's.
     */
    public R commit(T member) {
        Pending<T, R> pending = new Pending<>(member, members.key(member), new CompletableFuture<>());
        if (TransactionSynchronizationManager.isActualTransactionActive() || !enqueue(pending)) {
            write(List.of(pending)); // on the caller's thread: also before start-up, after shutdown, or when groups are off
        }
        Outcome<R> outcome;
        try {
            outcome = DatabaseBudget.await(pending.outcome());
        } catch (DataAccessResourceFailureException budgetSpent) {
            withdraw(pending);
            throw budgetSpent;
        }
        return switch (outcome) {
            case Done<R>(R value) -> value;
            case Refused<R>(RuntimeException refusal) -> throw refusal;
            case Failed<R>(RuntimeException failure) -> throw failure;
        };
    }

    /**
     * The caller stopped waiting (its database time ran out while lanes were busy): a member still
     * in line leaves it, so that what the caller is told (nothing was done) stays true. One that a
     * lane has already taken is written or not by that lane within its own budget; its caller was
     * told the outcome is unknown (a 503), and a retry with the same idempotency key finds it.
     */
    private void withdraw(Pending<T, R> pending) {
        lock.lock();
        try {
            if (waiting.removeIf(p -> p == pending)) { // this very member: another may be equal to it
                withdrawn.increment();
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean enqueue(Pending<T, R> pending) {
        if (groupSize == 1) {
            return false;
        }
        lock.lock();
        try {
            if (!running) {
                return false;
            }
            waiting.add(pending);
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void lane() {
        while (running) {
            List<Pending<T, R>> group = List.of();
            try {
                group = nextGroup();
                if (!group.isEmpty()) {
                    try (DatabaseBudget ignored = DatabaseBudget.open(groupBudget)) { // as long as a request has
                        write(group);
                    }
                }
            } catch (Throwable e) {
                log.error("a group of {} failed unexpectedly", what, e);
                RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                group.forEach(p -> p.outcome().complete(new Failed<>(failure)));
            } finally {
                lock.lock();
                try {
                    group.forEach(p -> keysInFlight.remove(p.key()));
                    changed.signalAll(); // members held back for these keys may go now
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Up to groupSize waiting members, in arrival order, at most one per key and none whose key another lane holds. */
    private List<Pending<T, R>> nextGroup() {
        lock.lock();
        try {
            while (running) {
                List<Pending<T, R>> group = new ArrayList<>();
                for (Iterator<Pending<T, R>> it = waiting.iterator(); it.hasNext() && group.size() < groupSize; ) {
                    Pending<T, R> pending = it.next();
                    if (keysInFlight.add(pending.key())) {
                        group.add(pending);
                        it.remove();
                    }
                }
                if (!group.isEmpty()) {
                    return group;
                }
                changed.awaitUninterruptibly();
            }
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    /** One transaction for the group; completes every member's outcome (see the class comment for failures). */
    private void write(List<Pending<T, R>> group) {
        Map<Pending<T, R>, Outcome<R>> outcomes = new IdentityHashMap<>();
        try {
            transaction.run(() -> {
                Function<T, R> work = members.begin(group.stream().map(Pending::member).toList());
                for (Pending<T, R> pending : group) {
                    outcomes.put(pending, runAsIfAlone(work, pending.member()));
                }
            });
        } catch (RuntimeException failed) {
            retry(group, failed);
            return;
        }
        groupSizes.record(group.size());
        group.forEach(pending -> pending.outcome().complete(outcomes.get(pending)));
    }

    private Outcome<R> runAsIfAlone(Function<T, R> work, T member) {
        int writesBefore = queuedWrites.getAsInt();
        try {
            return new Done<>(work.apply(member));
        } catch (RuntimeException e) {
            if (!members.isRefusal(e)) {
                throw e;
            }
            if (queuedWrites.getAsInt() != writesBefore) {
                // Refusals come before any write; one after would commit half a member with the group.
                throw new IllegalStateException("a refused one of a group of " + what + " left writes behind", e);
            }
            return new Refused<>(e);
        }
    }

    private void retry(List<Pending<T, R>> group, RuntimeException failed) {
        if (group.size() == 1) {
            group.get(0).outcome().complete(new Failed<>(failed));
            return;
        }
        if (DatabaseErrors.unreachable(failed)) {
            group.forEach(pending -> pending.outcome().complete(new Failed<>(failed)));
            return;
        }
        if (members.isUnnamedMemberFailure(failed)) {
            // The error does not say whose it was (only its text would): halve the group until
            // that member is alone, so the halves without it still commit together (a few more
            // commits, not one per member).
            int half = group.size() / 2;
            write(List.copyOf(group.subList(0, half)));
            write(List.copyOf(group.subList(half, group.size())));
            return;
        }
        failedGroups.increment();
        if (failed instanceof org.springframework.dao.DataAccessException) {
            log.warn("a group of {} {} failed to commit ({}); each runs alone", group.size(), what, failed.getClass().getSimpleName());
        } else {
            // Not the database refusing one member: a fault of ours, which would otherwise only show as lost grouping.
            log.error("a group of {} {} failed on our side; each runs alone", group.size(), what, failed);
        }
        group.forEach(pending -> write(List.of(pending)));
    }

    void start() {
        running = true;
        if (groupSize > 1) {
            for (int i = 0; i < lanes; i++) {
                laneThreads.add(Thread.ofVirtual().name(name + "-lane-" + i).start(this::lane));
            }
        }
    }

    /** Stops the lanes; members still waiting are written alone, on this thread (they came before the stop: still answered). */
    void stop() {
        List<Pending<T, R>> left;
        lock.lock();
        try {
            running = false;
            changed.signalAll();
            left = new ArrayList<>(waiting);
            waiting.clear();
        } finally {
            lock.unlock();
        }
        for (Thread lane : laneThreads) {
            try {
                lane.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        laneThreads.clear();
        left.forEach(pending -> write(List.of(pending)));
    }
}
