package org.openkyc.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.openkyc.api.Timestamps;
import org.openkyc.config.OpenKycProperties;
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

    private final WebhookRepository repository;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final WebhookProperties properties;
    private final JsonMapper json;
    private final AddressGuard guard;
    private final RetrySchedule schedule;
    private final HttpClient client;
    private final MeterRegistry meters;
    private final Timer lag;

    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Map<String, Semaphore> perHost = new ConcurrentHashMap<>();
    private final WorkerLoop loop;
    private final ExecutorService senders;

    Dispatcher(WebhookRepository repository, Outbox outbox, TransactionTemplate transactions, WebhookProperties properties,
               OpenKycProperties openKyc, JsonMapper json, MeterRegistry meters, JdbcClient jdbc) {
        this.repository = repository;
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
        this.json = json;
        this.meters = meters;
        this.guard = new AddressGuard(properties.allowedNetworks(), openKyc.sandbox());
        this.schedule = new RetrySchedule(properties.retryScale());
        this.senders = Executors.newVirtualThreadPerTaskExecutor();
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(properties.timeout())
                .executor(senders).build();
        this.loop = new WorkerLoop("webhook-dispatcher", properties.pollInterval(), () -> guarded("fan-out", this::fanOut) + guarded("dispatch", this::dispatchDue) > 0);
        this.lag = Timer.builder("openkyc.webhooks.delivery.lag").description("Event written to delivery succeeded").register(meters);
        Gauge.builder("openkyc.webhooks.backlog", () -> jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE status = 'pending'")
                .query(Long.class).single()).description("Deliveries waiting to be sent").register(meters);
        Gauge.builder("openkyc.outbox.backlog", () -> jdbc.sql("SELECT COUNT(*) FROM outbox_event WHERE fanned_out = FALSE")
                .query(Long.class).single()).description("Events not yet fanned out to subscriptions").register(meters);
    }

    void wakeUp() {
        loop.wakeUp();
    }

    @Override
    public void start() {
        if (properties.workerEnabled()) {
            loop.start();
        }
    }

    @Override
    public void stop() {
        loop.stop();
        senders.shutdownNow();
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

    /** New outbox events become deliveries, in the transaction that marks them fanned out. */
    int fanOut() {
        Integer count = transactions.execute(status -> {
            List<Outbox.Pending> events = outbox.claimUnfanned(500);
            if (events.isEmpty()) {
                return 0;
            }
            Instant now = Timestamps.now();
            Map<UUID, List<Subscription>> byBrand = new HashMap<>();
            List<WebhookRepository.NewDelivery> deliveries = new java.util.ArrayList<>();
            for (Outbox.Pending e : events) {
                if (e.eventType().equals("webhook.test")) {
                    continue;
                }
                for (Subscription s : byBrand.computeIfAbsent(e.brandId(), repository::enabled)) {
                    if (s.events().contains(e.eventType())) {
                        deliveries.add(new WebhookRepository.NewDelivery(UUID.randomUUID(), s.webhookId(), e.brandId(), e.eventId(), e.eventType()));
                    }
                }
            }
            repository.insertDeliveries(deliveries, now);
            outbox.markFannedOut(events.stream().map(Outbox.Pending::eventId).toList());
            return events.size();
        });
        return count == null ? 0 : count;
    }

    int dispatchDue() {
        int capacity = Math.min(properties.batchSize(), inFlight.availablePermits());
        if (capacity == 0) {
            return 0;
        }
        Instant now = Timestamps.now();
        Instant lease = now.plus(properties.timeout().multipliedBy(2)).plusSeconds(5);
        List<WebhookRepository.Delivery> due = transactions.execute(s -> repository.claimDue(now, lease, capacity));
        if (due == null || due.isEmpty()) {
            return 0;
        }
        Map<UUID, Subscription> subscriptions = new HashMap<>();
        for (WebhookRepository.Delivery d : due) {
            Subscription s = subscriptions.computeIfAbsent(d.webhookId(), id -> repository.findById(id).orElse(null));
            inFlight.acquireUninterruptibly();
            senders.submit(() -> {
                try {
                    deliver(d, s);
                } catch (RuntimeException e) {
                    log.warn("delivery {} failed: {}", d.deliveryId(), e.getClass().getSimpleName());
                    try {
                        record(d, s, Timestamps.now(), null, null, "could not send: " + e.getClass().getSimpleName(), null);
                    } catch (RuntimeException again) {
                        log.warn("delivery {} could not be recorded: {}", d.deliveryId(), again.getClass().getSimpleName());
                    }
                } finally {
                    inFlight.release();
                }
            });
        }
        return due.size();
    }

    private void deliver(WebhookRepository.Delivery d, Subscription s) {
        if (s == null || !s.enabled()) {
            transactions.executeWithoutResult(t -> repository.recordAttempt(d, new WebhookRepository.Attempt(d.attempts() + 1, Timestamps.now(),
                    null, 0, null, "subscription disabled or deleted", null), "cancelled"));
            return;
        }
        send(d, s, URI.create(s.url()));
    }

    private void send(WebhookRepository.Delivery d, Subscription s, URI url) {
        Instant started = Timestamps.now();
        String body = PythonJson.write(json.readTree(outbox.payload(d.eventId()).orElse("{}")));
        Integer status = null;
        String responseBody = null;
        String error = guard.refuse(url);
        Duration retryAfter = null;
        if (error == null) {
            long timestamp = started.getEpochSecond();
            String id = d.deliveryId().toString();
            HttpRequest request = HttpRequest.newBuilder(url).timeout(properties.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .header("Bond-Signature", Signatures.bond(s.signingSecrets(started), timestamp, body))
                    .header("webhook-id", id)
                    .header("webhook-timestamp", String.valueOf(timestamp))
                    .header("webhook-signature", Signatures.standard(s.signingSecrets(started), id, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            Semaphore hostLimit = perHost.computeIfAbsent(url.getHost() + ":" + url.getPort(), h -> new Semaphore(properties.perReceiverLimit()));
            if (!hostLimit.tryAcquire()) {
                // This receiver already has its share in flight: try again shortly instead of waiting here.
                transactions.executeWithoutResult(t -> repository.postpone(d, Timestamps.now().plus(SATURATED_HOST_BACKOFF)));
                return;
            }
            try {
                // One deadline for headers and body; at most 1000 bytes of the body are read.
                var pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
                long deadline = System.nanoTime() + properties.timeout().toNanos();
                HttpResponse<java.io.InputStream> response = pending.get(properties.timeout().toNanos(), TimeUnit.NANOSECONDS);
                status = response.statusCode();
                retryAfter = response.headers().firstValue("Retry-After").map(Dispatcher::retryAfter).orElse(null);
                var reading = senders.submit(() -> {
                    try (java.io.InputStream in = response.body()) {
                        return new String(in.readNBytes(1000), StandardCharsets.UTF_8);
                    }
                });
                try {
                    responseBody = clean(reading.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    reading.cancel(true);
                    response.body().close();
                    responseBody = null;
                }
            } catch (java.util.concurrent.TimeoutException e) {
                error = "timed out after " + properties.timeout().toSeconds() + " s";
            } catch (java.util.concurrent.ExecutionException | java.io.IOException e) {
                error = "connection failed: " + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                hostLimit.release();
            }
        }
        record(d, s, started, status, responseBody, error, retryAfter);
    }

    private void record(WebhookRepository.Delivery d, Subscription s, Instant started, Integer status, String responseBody, String error,
                        Duration retryAfter) {
        Instant now = Timestamps.now();
        int attempt = d.attempts() + 1;
        int latency = (int) Duration.between(started, now).toMillis();
        boolean success = status != null && status >= 200 && status < 300;
        boolean gone = status != null && status == 410;
        Duration wait = success || gone ? null : schedule.next(attempt, retryAfter);
        String newStatus = success ? "succeeded" : (gone || wait == null) ? "failed" : "pending";
        Instant nextAt = wait == null ? null : now.plus(wait);
        transactions.executeWithoutResult(t -> {
            if (!repository.recordAttempt(d, new WebhookRepository.Attempt(attempt, started, status, latency, responseBody, error, nextAt), newStatus)) {
                return; // another dispatcher recorded this attempt after our lease ran out
            }
            if (success) {
                repository.clearFailing(s.webhookId());
            } else if (gone) {
                repository.disable(s.webhookId(), now);
            } else {
                repository.markFailing(s.webhookId(), now, now.minus(properties.disableAfter()));
            }
        });
        meters.counter("openkyc.webhooks.deliveries", "result", success ? "success" : gone ? "gone" : wait == null ? "failed" : "retry").increment();
        if (success) {
            lag.record(Duration.between(d.dateCreated(), now));
        }
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
