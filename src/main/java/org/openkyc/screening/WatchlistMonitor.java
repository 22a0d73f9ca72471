package org.openkyc.screening;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import org.openkyc.config.OpenKycProperties;
import org.openkyc.customer.Customers;
import org.openkyc.customer.MonitoredCustomer;
import org.openkyc.db.DbTime;
import org.openkyc.program.KycPolicy;
import org.openkyc.program.Program;
import org.openkyc.program.Programs;
import org.openkyc.worker.WorkerLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ongoing monitoring (SPEC §9): when other lists go into service, the customers who passed KYC or
 * are in review are screened again against the entries added or changed since the lists they were
 * last monitored against (stored as fingerprints, so the comparison survives restarts and is the
 * same on every instance), and each new potential match is raised as a hit.
 *
 * <p>One run per change of the lists, shared by all instances: a page of customers is screened in
 * one transaction that holds the run's row (FOR UPDATE SKIP LOCKED) and moves its cursor, so each
 * page is done once, by whichever instance holds the row, and a killed instance's page is simply
 * done again. Every instance that serves the new lists keeps polling until the run is finished.
 * Only live mode monitors: sandbox outcomes are scripted.
 */
@Component
class WatchlistMonitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WatchlistMonitor.class);

    private final MonitoringRepository runs;
    private final Customers customers;
    private final Programs programs;
    private final CustomerPrograms customerPrograms;
    private final Hits hits;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final boolean live;
    private final int pageSize;
    private final WorkerLoop loop;

    /** The lists in service as the last event gave them; null before the first. */
    private volatile WatchlistsReplaced target;
    /** The run for {@link #target}, prepared on this instance; null when there is none to do. */
    private Job job;
    private WatchlistsReplaced prepared;

    WatchlistMonitor(MonitoringRepository runs, Customers customers, Programs programs, CustomerPrograms customerPrograms, Hits hits,
                     TransactionTemplate transactions,
                     Clock clock, OpenKycProperties properties,
                     @Value("${openkyc.screening.monitoring.page-size:1000}") int pageSize,
                     @Value("${openkyc.screening.monitoring.poll-interval:30s}") Duration pollInterval) {
        this.runs = runs;
        this.customers = customers;
        this.programs = programs;
        this.customerPrograms = customerPrograms;
        this.hits = hits;
        this.transactions = transactions;
        this.clock = clock;
        this.live = !properties.sandbox();
        this.pageSize = pageSize;
        this.loop = new WorkerLoop("watchlist-monitor", pollInterval, this::round);
    }

    /**
     * Other lists are in service here. The event's {@code previous} is not what is compared: the
     * fingerprints of what was last monitored are, so a first load after a restart (previous null)
     * screens exactly what changed while no instance was watching, and nothing when nothing did.
     */
    @EventListener
    void on(WatchlistsReplaced replaced) {
        if (live) {
            target = replaced;
            loop.wakeUp();
        }
    }

    /** Whether lists were announced here and the customers have been monitored against the last of them. */
    boolean caughtUp() {
        WatchlistsReplaced current = target;
        return current != null
                && ListDelta.digest(runs.monitoredFingerprints()).equals(ListDelta.digest(ListDelta.fingerprints(current.current())));
    }

    /** One run prepared: its key, the index over the added and changed entries, the lists' fingerprints. */
    private record Job(String runKey, MonitoringScreen screen, Map<String, String> fingerprints, Map<String, UUID> versions, int entries) {
    }

    /** One page of the run for the lists in service; true when more pages are waiting. */
    synchronized boolean round() {
        WatchlistsReplaced current = target;
        if (current == null) {
            return false;
        }
        if (prepared != current) {
            job = prepare(current);
            prepared = current;
        }
        if (job == null) {
            return false;
        }
        Boolean more = transactions.execute(status -> page(job));
        if (!Boolean.TRUE.equals(more) && runs.done(job.runKey())) {
            job = null;
        }
        return Boolean.TRUE.equals(more);
    }

    /**
     * The run from what was last monitored to these lists. Its key names both states and how many
     * runs finished before it, so every instance preparing it now finds the same run, while a
     * change back and forth (A to B, B to A, A to B again) is a new run each time.
     */
    private Job prepare(WatchlistsReplaced lists) {
        long finished = runs.finishedRuns(); // before the fingerprints: a run finishing in between only costs a repeat
        Map<String, String> monitored = runs.monitoredFingerprints();
        Map<String, String> current = ListDelta.fingerprints(lists.current());
        String from = ListDelta.digest(monitored);
        String to = ListDelta.digest(current);
        if (from.equals(to)) {
            return null;
        }
        List<WatchlistEntry> changed = ListDelta.addedOrChanged(monitored, lists.current());
        String runKey = from + ">" + to + "#" + finished;
        String versions = new TreeMap<>(lists.versions()).toString();
        runs.createRun(runKey, versions, changed.size(), DbTime.now(clock));
        log.info("watchlist monitoring run {}: {} entries added or changed, lists {}", runKey, changed.size(), versions);
        return new Job(runKey, new MonitoringScreen(ScreeningIndex.build(Watchlists.of(changed))), current, lists.versions(), changed.size());
    }

    /** Screens the next page in the caller's transaction; true when a full page was done (more may follow). */
    private boolean page(Job job) {
        MonitoringRepository.Run run = runs.claim(job.runKey()).orElse(null);
        if (run == null) {
            return false;
        }
        // Entries only removed: no customer can match anything new.
        List<MonitoredCustomer> page = job.entries() == 0 ? List.of() : customers.monitoredAfter(run.afterCustomer(), pageSize);
        int raised = 0;
        for (MonitoringScreen.Candidate c : job.screen().screen(page, policies(page))) {
            UUID version = job.versions().get(c.match().list());
            if (hits.raise(c.customer().brandId(), c.customer().customerId(), c.match(), version == null ? null : version.toString(),
                    DbTime.now(clock))) {
                raised++;
            }
        }
        UUID last = page.isEmpty() ? run.afterCustomer() : page.getLast().customerId();
        runs.advance(job.runKey(), last, run.screened() + page.size(), run.raised() + raised);
        if (page.size() < pageSize) {
            runs.replaceFingerprints(runs.monitoredFingerprints(), job.fingerprints());
            runs.finish(job.runKey(), DbTime.now(clock));
            log.info("watchlist monitoring run {} done: {} customers screened, {} potential matches raised", job.runKey(),
                    run.screened() + page.size(), run.raised() + raised);
            return false;
        }
        return true;
    }

    /**
     * Each customer is screened with the program of their latest attempt (the one they passed or
     * are in review with): its lists and its review threshold, as the KYC check screened them. A
     * customer without an attempt (none in live mode) falls back to the brand's default program.
     * Programs are read once per page.
     */
    private Function<MonitoredCustomer, MonitoringScreen.Policy> policies(List<MonitoredCustomer> page) {
        Map<UUID, UUID> programOf = page.isEmpty() ? Map.of() : customerPrograms.programsOf(page.stream().map(MonitoredCustomer::customerId).toList());
        Map<UUID, MonitoringScreen.Policy> byProgram = new HashMap<>();
        Map<UUID, MonitoringScreen.Policy> byBrand = new HashMap<>();
        return customer -> {
            UUID programId = programOf.get(customer.customerId());
            Optional<KycPolicy> own = programId == null ? Optional.empty()
                    : programs.findRecent(customer.brandId(), programId).map(Program::kycPolicy);
            return own.isPresent() ? byProgram.computeIfAbsent(programId, id -> policy(own.get()))
                    : byBrand.computeIfAbsent(customer.brandId(), brand -> policy(programs.defaultPolicy(brand)));
        };
    }

    private static MonitoringScreen.Policy policy(KycPolicy policy) {
        return MonitoringScreen.Policy.of(policy.watchlists(), policy.watchlist_review_threshold());
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.running();
    }
}
