package org.openkyc.kyc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.servlet.http.HttpServletRequest;

import org.openkyc.api.ApiException;
import org.openkyc.api.ConnectionFreeRoutes;
import org.openkyc.api.Errors;
import org.openkyc.customer.KycCustomers;
import org.openkyc.customer.KycSubject;
import org.openkyc.db.DatabaseBudget;
import org.openkyc.db.WriteBehind;
import org.openkyc.idempotency.IdempotencyClaim;
import org.openkyc.idempotency.IdempotencyClaims;
import org.openkyc.idempotency.KeyCommittingRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Commits KYC starts in groups (group commit in the application): starts that arrive while
 * others are being written wait in line, and a lane takes up to {@code start-batch-size} of them
 * into one transaction: each start's checks and writes as if alone (its customer locked, its
 * refusals its own), then all their writes with one commit, one statement per table for most of
 * them (multi-row inserts, unnest updates; the expired-key delete stays one per key). PostgreSQL
 * then does a statement's fixed work, and a commit's, once per group instead of once per start
 * (measured with bench/group-commit: a third of the CPU per start in groups of 8).
 *
 * <p>A group never holds two starts for one customer, nor a customer that another lane's group
 * holds: such a start waits for the next group, so lanes never wait on each other's locks. A group
 * first locks all its customers in one statement, in id order (the evaluator's order), then runs
 * each start's checks in memory; the writes and the commit are a second round trip (a program not
 * in the cache, or an attempt waiting for documents that a start replaces, adds its own). If the
 * group's commit fails, nothing of it was written: a start whose idempotency key was found taken
 * answers with the key's holder and the rest run again as a group; other failures that may be one
 * start's own make each run again alone (see {@link #write}). A 201 is answered only after the commit.
 */
@Component
class KycStartBatcher implements SmartLifecycle, KeyCommittingRoutes, ConnectionFreeRoutes {

    private static final Logger log = LoggerFactory.getLogger(KycStartBatcher.class);
    private static final java.util.regex.Pattern START_PATH =
            java.util.regex.Pattern.compile("(?i)/api/v0\\.1/customers/[^/]+/verification-kyc/?");

    private final KycService service;
    private final KycCustomers customers;
    private final IdempotencyClaims claims;
    private final TransactionTemplate transactions;
    private final WriteBehind writes;
    private final JsonMapper json;
    private final java.time.Duration groupBudget;
    private final int batchSize;
    private final int lanes;
    private final io.micrometer.core.instrument.DistributionSummary groupSizes;
    private final io.micrometer.core.instrument.Counter failedGroups;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Start> waiting = new ArrayDeque<>();
    private final Set<UUID> customersInFlight = new HashSet<>();
    private final List<Thread> laneThreads = new ArrayList<>();
    private volatile boolean running;

    KycStartBatcher(KycService service, KycCustomers customers, IdempotencyClaims claims, TransactionTemplate transactions, WriteBehind writes, JsonMapper json,
                    KycProperties properties, io.micrometer.core.instrument.MeterRegistry meters,
                    @org.springframework.beans.factory.annotation.Value("${openkyc.limits.database-time:2500ms}") java.time.Duration groupBudget) {
        this.groupBudget = groupBudget;
        this.service = service;
        this.customers = customers;
        this.claims = claims;
        this.transactions = transactions;
        this.writes = writes;
        this.json = json;
        this.batchSize = Math.max(1, properties.startBatchSize());
        this.lanes = Math.max(1, properties.startLanes());
        this.groupSizes = io.micrometer.core.instrument.DistributionSummary.builder("openkyc.kyc.start.group.size")
                .description("KYC starts committed together in one transaction").register(meters);
        this.failedGroups = io.micrometer.core.instrument.Counter.builder("openkyc.kyc.start.group.failed")
                .description("Groups of KYC starts whose commit failed; each start then ran alone").register(meters);
    }

    /** A start waiting for its group's commit. {@code claim} is null for a request without an idempotency key. */
    private record Start(UUID brandId, UUID customerId, JsonNode body, IdempotencyClaim claim, CompletableFuture<Outcome> outcome) {
    }

    private sealed interface Outcome {
    }

    private record Started(KycAttempt attempt) implements Outcome {
    }

    private record Refused(ApiException refusal) implements Outcome {
    }

    private record KeyHeld(RuntimeException failure) implements Outcome {
    }

    private record Failed(RuntimeException failure) implements Outcome {
    }

    @Override
    public boolean commitsOwnKey(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && START_PATH.matcher(request.getRequestURI()).matches();
    }

    /** With groups, a start's request holds no connection: it waits for a lane, which has one. */
    @Override
    public boolean matches(HttpServletRequest request) {
        return batchSize > 1 && running && commitsOwnKey(request);
    }

    /** Each lane holds a connection while it writes a group. */
    @Override
    public int connectionsHeld() {
        return batchSize > 1 ? lanes : 0;
    }

    /** Enough starts at once to fill every lane's next group while the lanes write the current ones. */
    @Override
    public int concurrentRequests() {
        return lanes * batchSize;
    }

    /**
     * SPEC §5.1, committed with other starts. With a claim, the request's idempotency key is stored
     * with the response in the same commit; when another request holds the key, the claim says so
     * and the answer thrown here is replaced by the idempotency filter's.
     */
    KycAttempt start(UUID brandId, UUID customerId, JsonNode body, IdempotencyClaim claim) {
        Start start = new Start(brandId, customerId, body, claim, new CompletableFuture<>());
        // In the caller's transaction when it has one: e.g. a request the idempotency filter ran in a
        // transaction of its own because its path was spelled so that commitsOwnKey did not know it
        // (";a=b", escapes): its key goes in that transaction, so its writes must too.
        if (TransactionSynchronizationManager.isActualTransactionActive() || !enqueue(start)) {
            write(List.of(start)); // on the caller's thread: also before start-up, after shutdown, or when groups are off
        }
        // Within the request's time with the database: a lane stuck on a database that stopped answering cannot hold it.
        return switch (DatabaseBudget.await(start.outcome())) {
            case Started s -> s.attempt();
            case Refused r -> throw r.refusal();
            case KeyHeld k -> {
                claim.keyHeld(k.failure());
                throw ApiException.conflict("idempotency_key_in_use", "Another request with this idempotency key ran first.");
            }
            case Failed f -> throw f.failure();
        };
    }

    private boolean enqueue(Start start) {
        if (batchSize == 1) {
            return false;
        }
        lock.lock();
        try {
            if (!running) {
                return false;
            }
            waiting.add(start);
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void lane() {
        while (running) {
            List<Start> group = List.of();
            try {
                group = nextGroup();
                if (!group.isEmpty()) {
                    try (DatabaseBudget ignored = DatabaseBudget.open(groupBudget)) { // as long as a request has
                        write(group);
                    }
                }
            } catch (Throwable e) {
                log.error("a group of KYC starts failed unexpectedly", e);
                RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                group.forEach(s -> s.outcome().complete(new Failed(failure)));
            } finally {
                lock.lock();
                try {
                    group.forEach(s -> customersInFlight.remove(s.customerId()));
                    changed.signalAll(); // starts held back for these customers may go now
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Up to batchSize waiting starts, in arrival order, at most one per customer and none whose customer another lane holds. */
    private List<Start> nextGroup() {
        lock.lock();
        try {
            while (running) {
                List<Start> group = new ArrayList<>();
                for (Iterator<Start> it = waiting.iterator(); it.hasNext() && group.size() < batchSize; ) {
                    Start start = it.next();
                    if (customersInFlight.add(start.customerId())) {
                        group.add(start);
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

    /**
     * One transaction for the group; completes every start's outcome. When an idempotency key is
     * taken by a request that has finished, the group is halved until that start is alone, and it
     * gets the key's holder as its answer; on another failure that may be one start's own (a
     * conflict, a lock), each runs again alone; when the database cannot be reached,
     * every start gets that failure at once (alone, each would wait for a connection in turn).
     */
    private void write(List<Start> group) {
        // All the group's customers are locked first, in one statement, in id order (as the evaluator locks them).
        Map<Start, Outcome> outcomes = new IdentityHashMap<>();
        AtomicBoolean committed = new AtomicBoolean();
        try {
            transactions.executeWithoutResult(tx -> {
                Map<UUID, KycSubject> locked = customers.lockAllForKycStart(group.stream().map(Start::customerId).toList());
                for (Start start : group) {
                    outcomes.put(start, startInGroup(start, locked.get(start.customerId())));
                }
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        committed.set(status == STATUS_COMMITTED);
                    }
                });
            });
        } catch (RuntimeException failed) {
            if (!committed.get()) {
                retry(group, failed);
                return;
            }
            log.warn("a step after the commit of {} KYC starts failed: {}", group.size(), failed.getClass().getSimpleName());
        }
        groupSizes.record(group.size());
        group.forEach(start -> start.outcome().complete(outcomes.get(start)));
    }

    private void retry(List<Start> group, RuntimeException failed) {
        if (group.size() == 1) {
            Start only = group.get(0);
            only.outcome().complete(only.claim() != null && IdempotencyClaim.isKeyHeld(failed) ? new KeyHeld(failed) : new Failed(failed));
            return;
        }
        if (org.openkyc.db.DatabaseErrors.unreachable(failed)) {
            group.forEach(start -> start.outcome().complete(new Failed(failed)));
            return;
        }
        if (IdempotencyClaim.isKeyHeld(failed)) {
            // A retry of a finished request is in the group, and the error does not say whose key
            // it was (only its text would): halve the group until the start is alone, so the
            // halves without it still commit together (a few more commits, not one per start).
            int half = group.size() / 2;
            write(List.copyOf(group.subList(0, half)));
            write(List.copyOf(group.subList(half, group.size())));
            return;
        }
        failedGroups.increment();
        if (failed instanceof org.springframework.dao.DataAccessException) {
            log.warn("a group of {} KYC starts failed to commit ({}); each runs alone", group.size(), failed.getClass().getSimpleName());
        } else {
            // Not the database refusing one start: a fault of ours, which would otherwise only show as lost grouping.
            log.error("a group of {} KYC starts failed on our side; each runs alone", group.size(), failed);
        }
        group.forEach(start -> write(List.of(start)));
    }

    private Outcome startInGroup(Start start, KycSubject locked) {
        int writesBefore = writes.queued();
        try {
            KycAttempt attempt = service.startInTransaction(start.brandId(), start.customerId(), start.body(), locked);
            if (start.claim() != null) {
                claims.store(start.claim(), 201, json.writeValueAsBytes(KycController.started(attempt)));
            }
            return new Started(attempt);
        } catch (ApiException refusal) {
            if (writes.queued() != writesBefore) {
                // Refusals come before any write; one after would commit half a start with the group.
                throw new IllegalStateException("a refused KYC start left writes behind", refusal);
            }
            return new Refused(refusal);
        }
    }

    @Override
    public void start() {
        running = true;
        if (batchSize > 1) {
            for (int i = 0; i < lanes; i++) {
                laneThreads.add(Thread.ofVirtual().name("kyc-start-lane-" + i).start(this::lane));
            }
        }
    }

    @Override
    public void stop() {
        List<Start> left;
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
        left.forEach(start -> write(List.of(start))); // started before the stop: still answered
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server has finished its requests (it stops at lower phases than the default). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
