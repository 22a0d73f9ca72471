package org.openkyc.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.openkyc.db.DbTime;
import org.openkyc.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends leased deliveries on virtual threads, at most {@link #MAX_IN_FLIGHT} at once, each through
 * the stages of one attempt: a turn at the receiver's gate, the signed request, the request itself,
 * the outcome's classification, and its record (written in batches by the {@link AttemptLog}).
 */
final class Senders {

    private static final Logger log = LoggerFactory.getLogger(Senders.class);
    static final int MAX_IN_FLIGHT = 512;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final ReceiverGate gate;
    private final WebhookRequest.Builder requests;
    private final WebhookSender sender;
    private final Outcomes outcomes;
    private final AttemptLog attempts;
    private final Outbox outbox;
    private final Clock clock;
    private final Runnable senderFree;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /** @param senderFree called whenever a sender finishes: more can be claimed (perhaps for a receiver that was saturated) */
    Senders(ReceiverGate gate, WebhookRequest.Builder requests, WebhookSender sender, Outcomes outcomes, AttemptLog attempts, Outbox outbox,
            Clock clock, Runnable senderFree) {
        this.gate = gate;
        this.requests = requests;
        this.sender = sender;
        this.outcomes = outcomes;
        this.attempts = attempts;
        this.outbox = outbox;
        this.clock = clock;
        this.senderFree = senderFree;
    }

    /** Senders free now. */
    int free() {
        return inFlight.availablePermits();
    }

    void sendAll(Leased leased) {
        if (leased.deliveries().isEmpty()) {
            return;
        }
        Map<UUID, String> payloads = outbox.payloads(leased.deliveries().stream().map(WebhookRepository.Delivery::eventId).distinct().toList());
        for (WebhookRepository.Delivery d : leased.deliveries()) {
            Subscription s = leased.subscriptions().get(d.webhookId());
            String payload = payloads.getOrDefault(d.eventId(), "{}");
            inFlight.acquireUninterruptibly();
            try {
                threads.submit(() -> {
                    try {
                        deliver(d, s, payload);
                    } catch (RuntimeException e) {
                        log.warn("delivery {} failed: {}", d.deliveryId(), e.getClass().getSimpleName());
                        Instant now = DbTime.now(clock);
                        attempts.add(outcomes.attempted(d, now, now, new Exchange.Failed("could not send: " + e.getClass().getSimpleName())));
                    } finally {
                        inFlight.release();
                        senderFree.run();
                    }
                });
            } catch (RejectedExecutionException stopping) {
                inFlight.release(); // shutting down: the rest stay leased and are sent again when their leases end
                return;
            }
        }
    }

    private void deliver(WebhookRepository.Delivery d, Subscription s, String payload) {
        if (s == null || !s.enabled()) {
            attempts.add(Outcomes.cancelled(d, DbTime.now(clock)));
            return;
        }
        ReceiverGate.Turn turn;
        try {
            turn = gate.enter(s.webhookId(), java.net.URI.create(s.url()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (turn == null) {
            attempts.add(Outcomes.postponed(d, DbTime.now(clock)));
            return;
        }
        Instant started = DbTime.now(clock);
        long startedNanos = System.nanoTime();
        Exchange exchange = null;
        try { // everything after taking the turn is inside this try, which gives the turn back
            exchange = sender.send(requests.build(d, s, payload, started));
        } catch (RuntimeException e) {
            exchange = new Exchange.Failed("could not send: " + e.getClass().getSimpleName());
        } finally {
            turn.finished(exchange != null && ReceiverGate.answeredWell(exchange, Duration.ofNanos(System.nanoTime() - startedNanos)));
        }
        if (!(exchange instanceof Exchange.CutOff)) {
            attempts.add(outcomes.attempted(d, started, DbTime.now(clock), exchange));
        }
    }

    /** Stops taking deliveries and gives requests in flight a few seconds to finish and be recorded. */
    void stop() {
        threads.shutdown();
        try {
            threads.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdownNow();
    }
}
