package org.openkyc.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.openkyc.db.DbTime;
import org.openkyc.config.OpenKycProperties;
import org.openkyc.db.Ids;
import org.openkyc.outbox.Outbox;
import org.openkyc.worker.WorkerLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers events (SPEC §7.3). One loop fans new outbox events out into deliveries (one per
 * matching enabled subscription, exactly once thanks to a unique key) and claims due deliveries
 * with row locks that skip locked rows, so any number of instances share the work. Each claim is a
 * lease: a delivery whose sender died is due again when it runs out (at-least-once). Sends run on
 * virtual threads with a per-host limit, so one slow receiver cannot hold up the others.
 */
@Component
class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    static final String USER_AGENT = "OpenKYC-Webhooks/0.1";
    private static final int MAX_IN_FLIGHT = 512;
    /** A delivery whose receiver has its share in flight waits this long, so a dead receiver costs little churn. */
    private static final Duration SATURATED_HOST_BACKOFF = Duration.ofSeconds(2);
    private static final int FAN_OUT_BATCH = 500;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    private static final Duration HOST_WAIT = Duration.ofSeconds(1);
    /**
     * A saturated receiver's due backlog is moved this far ahead, so claims do not wade through it
     * (a dead receiver's backlog sits at the front of the due index); its order is kept.
     */
    private static final Duration PARK = Duration.ofSeconds(5);

    private final WebhookRepository repository;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final WebhookProperties properties;
    private final JsonMapper json;
    private final RetrySchedule schedule;
    private final GuardedHttpClient client;
    private final AttemptLog attempts;

    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Map<String, Receiver> perHost = new ConcurrentHashMap<>();
    /** The receiver (host and port) of each subscription sent to lately: claims skip those whose receiver has its share in flight. */
    private final Map<UUID, String> receiverOf = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> parkedUntil = new ConcurrentHashMap<>();
    /** Events were committed here since the last fan-out (other instances' events are found by polling). */
    private final java.util.concurrent.atomic.AtomicBoolean eventsWaiting = new java.util.concurrent.atomic.AtomicBoolean(true);
    private volatile long lastFanOut;
    private final WorkerLoop loop;
    private final ExecutorService senders;
    private final Clock clock;

    Dispatcher(WebhookRepository repository, Outbox outbox, TransactionTemplate transactions, WebhookProperties properties,
               OpenKycProperties openKyc, JsonMapper json, MeterRegistry meters, JdbcClient jdbc, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
        this.json = json;
        this.schedule = new RetrySchedule(properties.retryScale());
        this.senders = Executors.newVirtualThreadPerTaskExecutor();
        this.client = new GuardedHttpClient(new AddressGuard(properties.networks(), openKyc.sandbox()), properties, MAX_IN_FLIGHT);
        client.requireEnforced();
        this.attempts = new AttemptLog(repository, transactions, properties.disableAfter(), meters, clock);
        // Again at once after a full fan-out batch or any dispatch; otherwise when woken (and a
        // moment of gathering) or at the poll interval.
        this.loop = new WorkerLoop("webhook-dispatcher", properties.pollInterval(), properties.gather(),
                () -> (fanOutDue() ? guarded("fan-out", this::fanOut) : 0) >= FAN_OUT_BATCH | guarded("dispatch", this::dispatchDue) > 0);
        outbox.whenEventsCommitted(() -> {
            eventsWaiting.set(true);
            loop.wakeUpToGather();
        });
        Gauge.builder("openkyc.webhooks.backlog", () -> jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE status = 'pending'")
                .query(Long.class).single()).description("Deliveries waiting to be sent").register(meters);
        Gauge.builder("openkyc.outbox.backlog", outbox::pendingCount).description("Events not yet fanned out to subscriptions").register(meters);
    }

    void wakeUp() {
        loop.wakeUp();
    }

    @Override
    public void start() {
        if (properties.workerEnabled()) {
            attempts.start();
            loop.start();
        }
    }

    /**
     * Stops claiming, gives requests in flight a few seconds to finish and be recorded, then stops.
     * Whatever is cut off stays leased and is sent again when its lease ends (at-least-once).
     */
    @Override
    public void stop() {
        loop.stop();
        senders.shutdown();
        try {
            senders.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        senders.shutdownNow();
        client.close();
        attempts.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.running();
    }

    /** Fan-out and dispatch fail apart: one that keeps failing must not stop the other. */
    private static int guarded(String what, java.util.function.IntSupplier step) {
        try {
            return step.getAsInt();
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", what, e.getClass().getSimpleName());
            return 0;
        }
    }

    /**
     * Whether to look for new events now: this instance committed some, the last look found a full
     * batch, or a poll interval has passed. Rounds also run whenever a sender finishes, and the
     * look for unfanned events costs a query that is not needed then.
     */
    private boolean fanOutDue() {
        long now = System.nanoTime();
        if (eventsWaiting.getAndSet(false) || now - lastFanOut >= properties.pollInterval().toNanos()) {
            lastFanOut = now;
            return true;
        }
        return false;
    }

    private record FannedOut(int events, List<WebhookRepository.Delivery> leased, Map<UUID, Subscription> subscriptions) {
    }

    /**
     * New outbox events become deliveries, in the transaction that takes them off the waiting list. As many
     * as there are free senders are leased to this instance in the same insert and sent at once, so
     * a fresh event costs no claim of its own; the rest wait for {@link #dispatchDue}.
     */
    int fanOut() {
        FannedOut result = transactions.execute(status -> {
            List<Outbox.Pending> events = outbox.takePending(FAN_OUT_BATCH);
            if (events.isEmpty()) {
                return null;
            }
            Instant now = DbTime.now(clock);
            Map<UUID, List<Subscription>> byBrand = new HashMap<>();
            Map<UUID, Subscription> subscriptions = new HashMap<>();
            List<WebhookRepository.NewDelivery> deliveries = new ArrayList<>();
            for (Outbox.Pending e : events) {
                if (e.eventType().equals("webhook.test")) {
                    continue;
                }
                for (Subscription s : byBrand.computeIfAbsent(e.brandId(), repository::enabled)) {
                    if (s.events().contains(e.eventType())) {
                        subscriptions.put(s.webhookId(), s);
                        deliveries.add(new WebhookRepository.NewDelivery(Ids.newId(), s.webhookId(), e.brandId(), e.eventId(), e.eventType()));
                    }
                }
            }
            // Lease what free senders can take at once, and per receiver no more than it has turns free.
            Instant lease = leaseFrom(now);
            List<WebhookRepository.Delivery> mine = new ArrayList<>();
            java.util.function.Predicate<UUID> turn = turnsPerReceiver();
            int room = Math.min(properties.batchSize() * 4, inFlight.availablePermits());
            for (WebhookRepository.NewDelivery d : deliveries) {
                if (mine.size() < room && turn.test(d.webhookId())) {
                    mine.add(new WebhookRepository.Delivery(d.deliveryId(), d.webhookId(), d.brandId(), d.eventId(), d.eventType(), "pending", 0,
                            lease, null, null, now));
                }
            }
            repository.insertDeliveries(deliveries, now, mine.stream().map(WebhookRepository.Delivery::deliveryId).collect(Collectors.toSet()), lease);
            return new FannedOut(events.size(), mine, subscriptions);
        });
        if (result == null) {
            return 0;
        }
        if (result.events() == FAN_OUT_BATCH) {
            eventsWaiting.set(true); // there may be more
        }
        sendAll(result.leased(), result.subscriptions());
        return result.events();
    }

    int dispatchDue() {
        int capacity = Math.min(properties.batchSize(), inFlight.availablePermits());
        if (capacity == 0) {
            return 0;
        }
        Instant now = DbTime.now(clock);
        List<UUID> saturated = saturatedSubscriptions();
        List<UUID> toPark = stalled(saturated, now);
        List<WebhookRepository.Delivery> due = transactions.execute(s -> {
            repository.park(toPark, now, now.plus(PARK));
            return repository.claimDue(now, leaseFrom(now), capacity, saturated, turnsPerReceiver());
        });
        toPark.forEach(w -> parkedUntil.put(w, now.plus(PARK)));
        parkedUntil.values().removeIf(until -> until.isBefore(now));
        if (due == null || due.isEmpty()) {
            return 0;
        }
        Map<UUID, Subscription> subscriptions = new HashMap<>();
        for (WebhookRepository.Delivery d : due) {
            subscriptions.computeIfAbsent(d.webhookId(), id -> repository.findById(id).orElse(null));
        }
        sendAll(due, subscriptions);
        return due.size();
    }

    /** A claim lasts long enough for a wait for the receiver's share plus the request itself. */
    private Instant leaseFrom(Instant now) {
        return now.plus(properties.timeout().multipliedBy(2)).plusSeconds(5);
    }

    /**
     * A fresh count of free turns per receiver (subscriptions on one host and port share it): each
     * call takes one of the subscription's receiver's turns, false when none is left.
     */
    private java.util.function.Predicate<UUID> turnsPerReceiver() {
        Map<String, Integer> left = new HashMap<>();
        return webhookId -> {
            String key = receiverOf.getOrDefault(webhookId, webhookId.toString());
            int free = left.computeIfAbsent(key, k -> freeTurns(webhookId));
            left.put(key, free - 1);
            return free > 0;
        };
    }

    /** Requests the subscription's receiver could take now; a receiver not seen yet has its full share. */
    private int freeTurns(UUID webhookId) {
        String receiver = receiverOf.get(webhookId);
        Receiver limit = receiver == null ? null : perHost.get(receiver);
        return limit == null ? properties.perReceiverLimit() : limit.free();
    }

    /** Subscriptions whose receiver has every permit in use: claiming more of theirs now would only make them wait. */
    private List<UUID> saturatedSubscriptions() {
        List<UUID> saturated = new ArrayList<>();
        receiverOf.forEach((webhook, receiver) -> {
            Receiver r = perHost.get(receiver);
            if (r != null && r.free() == 0 && saturated.size() < 1000) {
                saturated.add(webhook);
            }
        });
        return saturated;
    }

    /** Of the saturated subscriptions, those whose receiver has answered nothing for a while: their backlog is parked. */
    private List<UUID> stalled(List<UUID> saturated, Instant now) {
        long since = System.nanoTime() - HOST_WAIT.toNanos();
        return saturated.stream()
                .filter(w -> !parkedUntil.getOrDefault(w, Instant.MIN).isAfter(now))
                .filter(w -> {
                    Receiver r = perHost.get(receiverOf.get(w));
                    return r != null && r.lastProgress() < since;
                })
                .toList();
    }

    /** A receiver's turns (requests in flight at once) and when a request to it last finished. */
    private static final class Receiver {
        private final Semaphore turns;
        private volatile long lastProgress = System.nanoTime();

        Receiver(int limit) {
            this.turns = new Semaphore(limit);
        }

        int free() {
            return turns.availablePermits();
        }

        /** Waits up to {@code wait} for a turn; false when none came free. */
        boolean take(Duration wait) throws InterruptedException {
            return turns.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        long lastProgress() {
            return lastProgress;
        }

        void finished() {
            lastProgress = System.nanoTime();
            turns.release();
        }
    }

    private void sendAll(List<WebhookRepository.Delivery> deliveries, Map<UUID, Subscription> subscriptions) {
        if (deliveries.isEmpty()) {
            return;
        }
        Map<UUID, String> payloads = outbox.payloads(deliveries.stream().map(WebhookRepository.Delivery::eventId).distinct().toList());
        for (WebhookRepository.Delivery d : deliveries) {
            Subscription s = subscriptions.get(d.webhookId());
            String payload = payloads.getOrDefault(d.eventId(), "{}");
            inFlight.acquireUninterruptibly();
            try {
                senders.submit(() -> {
                    try {
                        deliver(d, s, payload);
                    } catch (RuntimeException e) {
                        log.warn("delivery {} failed: {}", d.deliveryId(), e.getClass().getSimpleName());
                        record(d, DbTime.now(clock), null, null, "could not send: " + e.getClass().getSimpleName(), null);
                    } finally {
                        inFlight.release();
                        loop.wakeUp(); // a sender is free: claim more (perhaps for a receiver that was saturated)
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                inFlight.release(); // shutting down: the rest stay leased and are sent again when their leases end
                return;
            }
        }
    }

    private void deliver(WebhookRepository.Delivery d, Subscription s, String payload) {
        if (s == null || !s.enabled()) {
            attempts.add(new AttemptLog.Sent(d, new WebhookRepository.Attempt(d.attempts() + 1, DbTime.now(clock), null, 0, null,
                    "subscription disabled or deleted", null), "cancelled", AttemptLog.Effect.NONE));
            return;
        }
        send(d, s, URI.create(s.url()), payload);
    }

    private void send(WebhookRepository.Delivery d, Subscription s, URI url, String payload) {
        String body = PythonJson.write(json.readTree(payload));
        Integer status = null;
        String responseBody = null;
        String error = null;
        Duration retryAfter = null;
        Instant started = DbTime.now(clock);
        String receiver = url.getHost() + ":" + url.getPort();
        receiverOf.put(s.webhookId(), receiver);
        Receiver hostLimit = perHost.computeIfAbsent(receiver, h -> new Receiver(properties.perReceiverLimit()));
        try {
            // A receiver with its share in flight: wait a little for a turn (a busy receiver frees one in
            // milliseconds), then leave the delivery for later (a dead one holds its turns for the whole timeout).
            if (!hostLimit.take(HOST_WAIT)) {
                attempts.add(new AttemptLog.Postponed(d, DbTime.now(clock).plus(SATURATED_HOST_BACKOFF)));
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try { // everything after taking the turn is inside this try, which gives the turn back
            started = DbTime.now(clock);
            long timestamp = started.getEpochSecond();
            String id = d.deliveryId().toString();
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", USER_AGENT);
            headers.put("Bond-Signature", Signatures.bond(s.signingSecrets(started), timestamp, body));
            headers.put("webhook-id", id);
            headers.put("webhook-timestamp", String.valueOf(timestamp));
            headers.put("webhook-signature", Signatures.standard(s.signingSecrets(started), id, timestamp, body));
            // The client checks the receiver's addresses where it connects (AddressGuard): a refusal sends nothing.
            GuardedHttpClient.Answer answer = client.post(url, headers, body.getBytes(StandardCharsets.UTF_8));
            status = answer.status();
            retryAfter = answer.retryAfter() == null ? null : retryAfter(answer.retryAfter());
            responseBody = clean(answer.body());
        } catch (AddressGuard.Refused e) {
            error = e.getMessage();
        } catch (GuardedHttpClient.TimedOut e) {
            error = "timed out after " + properties.timeout().toSeconds() + " s";
        } catch (java.io.IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // shutting down: still leased, sent again when the lease ends
            }
            error = "connection failed: " + e.getClass().getSimpleName();
        } catch (RuntimeException e) {
            error = "could not send: " + e.getClass().getSimpleName();
        } finally {
            hostLimit.finished();
        }
        record(d, started, status, responseBody, error, retryAfter);
    }

    private void record(WebhookRepository.Delivery d, Instant started, Integer status, String responseBody, String error, Duration retryAfter) {
        Instant now = DbTime.now(clock);
        int attempt = d.attempts() + 1;
        int latency = (int) Duration.between(started, now).toMillis();
        boolean success = status != null && status >= 200 && status < 300;
        boolean gone = status != null && status == 410;
        Duration wait = success || gone ? null : schedule.next(attempt, retryAfter);
        String newStatus = success ? "succeeded" : (gone || wait == null) ? "failed" : "pending";
        Instant nextAt = wait == null ? null : now.plus(wait);
        AttemptLog.Effect effect = success ? AttemptLog.Effect.SUCCEEDED : gone ? AttemptLog.Effect.GONE : AttemptLog.Effect.FAILING;
        attempts.add(new AttemptLog.Sent(d, new WebhookRepository.Attempt(attempt, started, status, latency, responseBody, error, nextAt),
                newStatus, effect));
    }

    private static Duration retryAfter(String value) {
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null; // HTTP dates are rare from webhook receivers; the schedule applies
        }
    }

    /** No NUL characters (PostgreSQL text cannot hold them): an attempt must always be recordable. */
    private static String clean(String text) {
        return text == null ? null : text.replace("\u0000", "");
    }
}
