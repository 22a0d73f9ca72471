package org.openkyc.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.openkyc.db.DbTime;
import org.openkyc.db.Ids;
import org.openkyc.outbox.Outbox;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fans new outbox events out into deliveries, one per matching enabled subscription, in the
 * transaction that takes them off the waiting list (exactly once). As many as there are free
 * senders are leased to this instance in the same insert and sent at once, so a fresh event costs
 * no claim of its own; the rest wait for {@link DeliveryClaims}.
 */
final class FanOut {

    static final int BATCH = 500;

    private final WebhookRepository repository;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final ReceiverGate gate;
    private final DeliveryClaims claims;
    private final Duration pollInterval;
    private final Clock clock;
    private final LongSupplier nanoTime;
    /** Events were committed here since the last fan-out (other instances' events are found by polling). */
    private final AtomicBoolean eventsWaiting = new AtomicBoolean(true);
    private volatile long lastFanOut;

    FanOut(WebhookRepository repository, Outbox outbox, TransactionTemplate transactions, ReceiverGate gate, DeliveryClaims claims,
           Duration pollInterval, Clock clock, LongSupplier nanoTime) {
        this.repository = repository;
        this.outbox = outbox;
        this.transactions = transactions;
        this.gate = gate;
        this.claims = claims;
        this.pollInterval = pollInterval;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /** This instance committed events: the next round looks for them. */
    void eventsCommitted() {
        eventsWaiting.set(true);
    }

    /**
     * Whether to look for new events now: this instance committed some, the last look found a full
     * batch, or a poll interval has passed. Rounds also run whenever a sender finishes, and the
     * look for unfanned events costs a query that is not needed then.
     */
    boolean due() {
        long now = nanoTime.getAsLong();
        if (eventsWaiting.getAndSet(false) || now - lastFanOut >= pollInterval.toNanos()) {
            lastFanOut = now;
            return true;
        }
        return false;
    }

    /** How many events a fan-out took, and the deliveries it leased to this instance. */
    record Result(int events, Leased leased) {

        static final Result NONE = new Result(0, Leased.NONE);
    }

    /**
     * One batch of events into deliveries; those leased here (at most {@code room}, and per receiver
     * no more than it has turns free) are returned to be sent at once.
     */
    Result run(int room) {
        Result result = transactions.execute(status -> fanOut(room));
        if (result == null) {
            return Result.NONE;
        }
        if (result.events() == BATCH) {
            eventsWaiting.set(true); // there may be more
        }
        return result;
    }

    private Result fanOut(int room) {
        List<Outbox.Pending> events = outbox.takePending(BATCH);
        if (events.isEmpty()) {
            return null;
        }
        Instant now = DbTime.now(clock);
        Map<UUID, Subscription> subscriptions = new HashMap<>();
        List<WebhookRepository.NewDelivery> deliveries = deliveries(events, subscriptions);
        Instant lease = claims.leaseFrom(now);
        List<WebhookRepository.Delivery> mine = new ArrayList<>();
        Predicate<UUID> turn = gate.turns();
        for (WebhookRepository.NewDelivery d : deliveries) {
            if (mine.size() < room && turn.test(d.webhookId())) {
                mine.add(new WebhookRepository.Delivery(d.deliveryId(), d.webhookId(), d.brandId(), d.eventId(), d.eventType(), "pending", 0,
                        lease, null, null, now));
            }
        }
        Set<UUID> leased = mine.stream().map(WebhookRepository.Delivery::deliveryId).collect(Collectors.toSet());
        repository.insertDeliveries(deliveries, now, leased, lease);
        return new Result(events.size(), new Leased(mine, subscriptions));
    }

    /** One delivery per event and matching enabled subscription; {@code subscriptions} collects the subscriptions matched. */
    private List<WebhookRepository.NewDelivery> deliveries(List<Outbox.Pending> events, Map<UUID, Subscription> subscriptions) {
        Map<UUID, List<Subscription>> byBrand = new HashMap<>();
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
        return deliveries;
    }
}
