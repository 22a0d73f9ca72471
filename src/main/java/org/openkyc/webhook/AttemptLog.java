package org.openkyc.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.openkyc.db.DbTime;
import org.openkyc.worker.WorkerLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes what the senders did, in batches: one transaction for everything that finished since the
 * last one, so a busy dispatcher spends a few round trips per batch instead of four per delivery.
 * When idle, an outcome is written as soon as it arrives. Nothing here is needed for safety: an
 * outcome lost with the process leaves its delivery leased, and it is sent again when the lease
 * runs out (at-least-once).
 */
final class AttemptLog {

    private static final Logger log = LoggerFactory.getLogger(AttemptLog.class);
    private static final int MAX_BATCH = 500;

    /** What happened to one claimed delivery. */
    sealed interface Outcome {
        WebhookRepository.Delivery delivery();
    }

    /** A request was made (or could not be), or the delivery was cancelled. */
    record Sent(WebhookRepository.Delivery delivery, WebhookRepository.Attempt attempt, String newStatus, Effect effect) implements Outcome {
    }

    /** The receiver had its share in flight: due again at {@code at}, no attempt counted. */
    record Postponed(WebhookRepository.Delivery delivery, Instant at) implements Outcome {
    }

    /** What an attempt means for its subscription. */
    enum Effect { SUCCEEDED, GONE, FAILING, NONE }

    private final WebhookRepository repository;
    private final TransactionTemplate transactions;
    private final Duration disableAfter;
    private final MeterRegistry meters;
    private final Timer lag;
    private final BlockingQueue<Outcome> queue = new LinkedBlockingQueue<>();
    private final WorkerLoop loop;
    private final Clock clock;

    AttemptLog(WebhookRepository repository, TransactionTemplate transactions, Duration disableAfter, MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.transactions = transactions;
        this.disableAfter = disableAfter;
        this.meters = meters;
        this.lag = Timer.builder("openkyc.webhooks.delivery.lag").description("Event written to delivery succeeded").register(meters);
        this.loop = new WorkerLoop("webhook-attempt-log", Duration.ofMillis(100), this::writeQueued);
    }

    void add(Outcome outcome) {
        if (loop.running()) {
            queue.add(outcome);
            loop.wakeUp();
        } else {
            write(List.of(outcome)); // a straggler after stop (or before start): written at once
        }
    }

    void start() {
        loop.start();
    }

    /** Stops the writer, then writes what is still queued. */
    void stop() {
        loop.stop();
        while (writeQueued()) {
            // until the queue is empty
        }
    }

    /** Writes everything queued (up to a batch); true when more is waiting. */
    private boolean writeQueued() {
        List<Outcome> batch = new ArrayList<>();
        queue.drainTo(batch, MAX_BATCH);
        if (!batch.isEmpty()) {
            write(batch);
        }
        return !queue.isEmpty();
    }

    /**
     * One transaction for the batch; if it fails because of its data, one per outcome, so one bad
     * row cannot hold up the rest. If the database is out of reach, the batch is dropped rather than
     * retried row by row (each would wait for a connection): its deliveries are sent again when
     * their leases end.
     */
    void write(List<Outcome> batch) {
        try {
            transactions.executeWithoutResult(t -> writeTogether(batch));
        } catch (RuntimeException failed) {
            if (org.openkyc.db.DatabaseErrors.unreachable(failed)) {
                log.warn("{} delivery outcomes not recorded, the database is out of reach: {}", batch.size(), failed.getClass().getSimpleName());
                return;
            }
            if (batch.size() == 1) {
                log.warn("delivery {} could not be recorded: {}", batch.getFirst().delivery().deliveryId(), failed.getClass().getSimpleName());
                return;
            }
            for (Outcome outcome : batch) {
                write(List.of(outcome));
            }
            return;
        }
        count(batch);
    }

    private void writeTogether(List<Outcome> batch) {
        List<Sent> sent = new ArrayList<>();
        List<Postponed> postponed = new ArrayList<>();
        for (Outcome outcome : batch) {
            switch (outcome) {
                case Sent s -> sent.add(s);
                case Postponed p -> postponed.add(p);
            }
        }
        boolean[] written = repository.recordAttempts(sent.stream()
                .map(s -> new WebhookRepository.Recording(s.delivery(), s.attempt(), s.newStatus())).toList());
        Set<UUID> succeeded = new LinkedHashSet<>();
        Set<UUID> gone = new LinkedHashSet<>();
        Set<UUID> failing = new LinkedHashSet<>();
        for (int i = 0; i < sent.size(); i++) {
            if (!written[i]) {
                continue; // another dispatcher recorded this attempt after our lease ran out
            }
            UUID webhook = sent.get(i).delivery().webhookId();
            switch (sent.get(i).effect()) {
                case SUCCEEDED -> succeeded.add(webhook);
                case GONE -> gone.add(webhook);
                case FAILING -> failing.add(webhook);
                case NONE -> { }
            }
        }
        repository.clearFailing(succeeded);
        Instant now = DbTime.now(clock);
        for (UUID webhook : gone) {
            repository.disable(webhook, now);
        }
        failing.removeAll(succeeded); // a receiver that answered within this batch is not failing
        for (UUID webhook : failing) {
            repository.markFailing(webhook, now, now.minus(disableAfter));
        }
        repository.postpone(postponed.stream().collect(java.util.stream.Collectors.toMap(Postponed::delivery, Postponed::at, (a, b) -> b)));
    }

    private void count(List<Outcome> batch) {
        Instant now = DbTime.now(clock);
        for (Outcome outcome : batch) {
            if (outcome instanceof Sent s && s.effect() != Effect.NONE) {
                String result = switch (s.effect()) {
                    case SUCCEEDED -> "success";
                    case GONE -> "gone";
                    default -> s.newStatus().equals("failed") ? "failed" : "retry";
                };
                meters.counter("openkyc.webhooks.deliveries", "result", result).increment();
                if (s.effect() == Effect.SUCCEEDED) {
                    lag.record(Duration.between(s.delivery().dateCreated(), now));
                }
            }
        }
    }
}
