package org.openkyc.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims due deliveries with row locks that skip locked rows, so any number of instances share the
 * work. Each claim is a lease: a delivery whose sender died is due again when it runs out
 * (at-least-once). Claims skip subscriptions whose receiver is saturated, take per receiver no more
 * than it has turns free, and first park the backlog of receivers that stalled.
 */
final class DeliveryClaims {

    private final WebhookRepository repository;
    private final TransactionTemplate transactions;
    private final ReceiverGate gate;
    private final Duration timeout;
    private final Clock clock;

    DeliveryClaims(WebhookRepository repository, TransactionTemplate transactions, ReceiverGate gate, Duration timeout, Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.gate = gate;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** A claim lasts long enough for a wait for the receiver's share plus the request itself. */
    Instant leaseFrom(Instant now) {
        return now.plus(timeout.multipliedBy(2)).plusSeconds(5);
    }

    /** Up to {@code capacity} due deliveries, leased to this instance, with their subscriptions. */
    Leased claim(int capacity) {
        Instant now = DbTime.now(clock);
        List<UUID> saturated = gate.saturated();
        List<UUID> toPark = gate.toPark(saturated, now);
        List<WebhookRepository.Delivery> due = transactions.execute(s -> {
            repository.park(toPark, now, now.plus(ReceiverGate.PARK));
            return repository.claimDue(now, leaseFrom(now), capacity, saturated, gate.turns());
        });
        gate.parked(toPark, now);
        if (due == null || due.isEmpty()) {
            return Leased.NONE;
        }
        Map<UUID, Subscription> subscriptions = new HashMap<>();
        for (WebhookRepository.Delivery d : due) {
            subscriptions.computeIfAbsent(d.webhookId(), id -> repository.findById(id).orElse(null));
        }
        return new Leased(due, subscriptions);
    }
}
