package org.openkyc.db;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the application's {@link GroupCommitter}s (today one: KYC starts), starts their lanes and
 * stops them after the web server has finished its requests, and tells admission what they need:
 * while a committer groups, its callers hold no connection (a lane writes for them), so they are
 * admitted against places of their own, and the lanes' connections come off the other requests'.
 */
@Component
public class GroupCommits implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommits.class);

    private final TransactionTemplate transactions;
    private final WriteBehind writes;
    private final MeterRegistry meters;
    private final Duration groupBudget;
    private final List<GroupCommitter<?, ?>> committers = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    GroupCommits(TransactionTemplate transactions, WriteBehind writes, MeterRegistry meters,
                 @Value("${openkyc.limits.database-time:2500ms}") Duration groupBudget) {
        this.transactions = transactions;
        this.writes = writes;
        this.meters = meters;
        this.groupBudget = groupBudget;
    }

    /** A committer whose groups each have as long with the database as a request has; see {@link GroupCommitter}'s constructor. */
    public <T, R> GroupCommitter<T, R> create(String name, String what, int groupSize, int lanes, GroupCommitter.Members<T, R> members) {
        GroupCommitter<T, R> committer = new GroupCommitter<>(name, what, groupSize, lanes, groupBudget, members,
                work -> inOneTransaction(work, what), writes::queued, meters);
        committers.add(committer);
        if (running) {
            committer.start();
        }
        return committer;
    }

    /** Whether some committer groups now: its callers then hold no connection while they wait. */
    public boolean grouping() {
        return committers.stream().anyMatch(GroupCommitter::grouping);
    }

    /** Callers of grouping committers that may work at once. */
    public int places() {
        return committers.stream().mapToInt(GroupCommitter::places).sum();
    }

    /** Connections the lanes hold at most. */
    public int connectionsHeld() {
        return committers.stream().mapToInt(GroupCommitter::connectionsHeld).sum();
    }

    /** A failure of a step after the commit (a synchronization's afterCommit) is logged: the group's writes stand and its members are answered. */
    private void inOneTransaction(Runnable work, String what) {
        AtomicBoolean committed = new AtomicBoolean();
        try {
            transactions.executeWithoutResult(tx -> {
                work.run();
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        committed.set(status == STATUS_COMMITTED);
                    }
                });
            });
        } catch (RuntimeException failed) {
            if (!committed.get()) {
                throw failed;
            }
            log.warn("a step after the commit of a group of {} failed: {}", what, failed.getClass().getSimpleName());
        }
    }

    @Override
    public void start() {
        running = true;
        committers.forEach(GroupCommitter::start);
    }

    @Override
    public void stop() {
        running = false;
        committers.forEach(GroupCommitter::stop);
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
