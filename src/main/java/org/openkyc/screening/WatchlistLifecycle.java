package org.openkyc.screening;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.openkyc.db.DbTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Keeps the lists in service current, on one thread of its own so that loads never overlap: at
 * start (after the server is ready) and every poll interval it serves the version each list's
 * database row points at, if another instance recorded a newer one; when a reload is due (daily by
 * default, sooner again after a failure) or asked for, it loads from the sources. A list whose
 * load fails keeps its version in service; the failure is logged (no list data), counted
 * ({@code openkyc.watchlists.loads{result=failed}}) and shown by {@code GET /watchlist/lists}.
 */
@Component
class WatchlistLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WatchlistLifecycle.class);

    private final ListLoadingProperties properties;
    private final ListLoader loader;
    private final ListVersionRepository versions;
    private final ApplicationEventPublisher events;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, ListLoad.Failed> lastFailures = new ConcurrentHashMap<>();
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;
    private volatile InService current;
    private volatile Instant lastReload;
    private volatile Instant reloadDue = Instant.MIN;

    WatchlistLifecycle(ListLoadingProperties properties, ListLoader loader, ListVersionRepository versions,
                       ApplicationEventPublisher events, MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.loader = loader;
        this.versions = versions;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
        for (var spec : properties.specs()) {
            String list = spec.list();
            Gauge.builder("openkyc.watchlists.entries", () -> entries(list)).tag("list", list)
                    .description("Entries of the list in service on this instance").register(meters);
            Gauge.builder("openkyc.watchlists.failing", () -> failing.getOrDefault(list, false) ? 1 : 0).tag("list", list)
                    .description("1 while the last load of the list failed (its previous version stays in service)").register(meters);
        }
    }

    synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("watchlists").daemon(true).factory());
        Duration tick = properties.pollInterval().compareTo(properties.reloadInterval()) < 0 ? properties.pollInterval() : properties.reloadInterval();
        executor.scheduleWithFixedDelay(this::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    InService current() {
        return current;
    }

    Map<String, ListLoad.Failed> lastFailures() {
        return Map.copyOf(lastFailures);
    }

    Instant lastReload() {
        return lastReload;
    }

    Instant nextReload() {
        return reloadDue == Instant.MIN ? null : reloadDue;
    }

    /** Loads from the sources now, after any load under way; what came of it, list by list. */
    ReloadReport reload() {
        start();
        try {
            return executor.submit(this::reloadFromSources).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        }
    }

    /** A failed round is logged and the schedule goes on: an exception would end it. */
    private void tick() {
        try {
            followDatabase();
            if (!clock.instant().isBefore(reloadDue)) {
                reloadFromSources();
            }
        } catch (RuntimeException e) {
            log.warn("watchlist round failed: {}", e.getClass().getSimpleName());
        }
    }

    /** Serves the version each list's row points at, when it is not the one in service here. */
    private void followDatabase() {
        Map<String, UUID> recorded;
        try {
            recorded = versions.current();
        } catch (RuntimeException e) {
            log.warn("watchlist versions could not be read: {}", e.getClass().getSimpleName());
            return;
        }
        InService now = current;
        List<ListLoad> loads = new ArrayList<>();
        recorded.forEach((list, id) -> {
            LoadedList served = now == null ? null : now.lists().get(list);
            if (served == null || !served.version().id().equals(id)) {
                loads.add(loader.fromDatabase(list, id));
            }
        });
        apply(loads);
    }

    private ReloadReport reloadFromSources() {
        InService now = current;
        List<ListLoad> loads = new ArrayList<>();
        for (var spec : properties.specs()) {
            loads.add(loader.fromSources(spec, now == null ? null : now.lists().get(spec.list())));
        }
        ReloadReport report = report(loads, apply(loads));
        lastReload = DbTime.now(clock);
        reloadDue = lastReload.plus(nextReloadIn(loads));
        return report;
    }

    /**
     * After a failure the sources are tried again sooner; at once (the next poll) while a list has
     * no version in service at all, which in live mode stops every KYC decision.
     */
    private Duration nextReloadIn(List<ListLoad> loads) {
        if (loads.stream().noneMatch(l -> l instanceof ListLoad.Failed)) {
            return properties.reloadInterval();
        }
        InService now = current;
        boolean missing = now == null || properties.specs().stream().anyMatch(s -> !now.lists().containsKey(s.list()));
        return missing ? properties.pollInterval() : properties.retryInterval();
    }

    /** Puts the loaded versions in service together (one new index), and reports each load: its result by list. */
    private Map<String, String> apply(List<ListLoad> loads) {
        Map<String, String> results = new LinkedHashMap<>();
        InService previous = current;
        Map<String, LoadedList> next = new LinkedHashMap<>(previous == null ? Map.of() : previous.lists());
        boolean changed = false;
        for (ListLoad load : loads) {
            String result = switch (load) {
                case ListLoad.Loaded l when isNew(previous, l.loaded()) -> {
                    next.put(l.list(), l.loaded());
                    changed = true;
                    yield "loaded";
                }
                case ListLoad.Loaded l -> "unchanged";
                case ListLoad.Unchanged u -> "unchanged";
                case ListLoad.Failed f -> {
                    lastFailures.put(f.list(), f);
                    LoadedList kept = next.get(f.list());
                    log.warn("watchlist {} did not load ({}); {}", f.list(), f.reason(),
                            kept == null ? "no version of it is in service yet" : "version " + kept.version().id() + " stays in service");
                    yield "failed";
                }
            };
            results.put(load.list(), result);
            failing.put(load.list(), result.equals("failed"));
            Counter.builder("openkyc.watchlists.loads").tag("list", load.list()).tag("result", result)
                    .description("Loads of a list, by result").register(meters).increment();
        }
        if (changed) {
            putInService(previous, InService.of(next));
        }
        return results;
    }

    private static boolean isNew(InService previous, LoadedList loaded) {
        LoadedList served = previous == null ? null : previous.lists().get(loaded.list());
        return served == null || !served.version().id().equals(loaded.version().id());
    }

    private void putInService(InService previous, InService next) {
        current = next;
        next.lists().values().stream().filter(l -> isNew(previous, l)).forEach(l -> log.info(
                "watchlist {} version {} in service: {} entries, {} names, content {}, from {}", l.list(), l.version().id(),
                l.version().entries(), l.version().names(), l.version().contentHash(), l.version().source()));
        try {
            events.publishEvent(new WatchlistsReplaced(previous == null ? null : previous.index().lists(), next.index().lists(), next.versions()));
        } catch (RuntimeException e) {
            log.warn("a listener of the new watchlists failed: {}", e.getClass().getSimpleName());
        }
    }

    private ReloadReport report(List<ListLoad> loads, Map<String, String> results) {
        InService now = current;
        List<ReloadReport.ListResult> lists = new ArrayList<>();
        for (ListLoad load : loads) {
            LoadedList served = now == null ? null : now.lists().get(load.list());
            lists.add(new ReloadReport.ListResult(load.list(), results.get(load.list()), served == null ? null : served.version().id().toString(),
                    served == null ? null : served.version().entries(), load instanceof ListLoad.Failed f ? f.reason() : null));
        }
        return new ReloadReport(lists);
    }

    private int entries(String list) {
        InService now = current;
        LoadedList served = now == null ? null : now.lists().get(list);
        return served == null ? 0 : served.entries().size();
    }
}
