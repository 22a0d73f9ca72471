package org.openkyc.webhook;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The per-receiver gate: a receiver (host and port, shared by the subscriptions that point at it)
 * takes a limited number of requests at once, so one slow receiver cannot take every sender. The
 * gate counts each receiver's free turns for claims, names the subscriptions whose receiver is
 * saturated (claims skip them) and, of those, the ones whose receiver has answered nothing for a
 * while: their due backlog is parked ahead, so claims do not wade through it.
 */
final class ReceiverGate {

    /**
     * A saturated receiver's due backlog is moved this far ahead (a dead receiver's backlog sits at
     * the front of the due index); its order is kept.
     */
    static final Duration PARK = Duration.ofSeconds(5);
    private static final int MAX_SATURATED = 1000;

    private final int limit;
    private final Duration wait;
    private final LongSupplier nanoTime;
    private final Map<String, Receiver> perHost = new ConcurrentHashMap<>();
    /** The receiver of each subscription sent to lately: claims skip those whose receiver has its share in flight. */
    private final Map<UUID, String> receiverOf = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> parkedUntil = new ConcurrentHashMap<>();

    /**
     * @param limit    requests in flight at once per receiver
     * @param wait     how long a sender waits for a turn, and how long a saturated receiver may go
     *                 without answering before its backlog is parked
     * @param nanoTime elapsed time (System::nanoTime; tests move it themselves)
     */
    ReceiverGate(int limit, Duration wait, LongSupplier nanoTime) {
        this.limit = limit;
        this.wait = wait;
        this.nanoTime = nanoTime;
    }

    static String receiver(URI url) {
        return url.getHost() + ":" + url.getPort();
    }

    /**
     * A fresh count of free turns per receiver: each call takes one of the subscription's receiver's
     * turns, false when none is left. A subscription not sent to yet counts as a receiver of its own.
     */
    Predicate<UUID> turns() {
        Map<String, Integer> left = new HashMap<>();
        return webhookId -> {
            String key = receiverOf.getOrDefault(webhookId, webhookId.toString());
            int free = left.computeIfAbsent(key, k -> freeTurns(webhookId));
            left.put(key, free - 1);
            return free > 0;
        };
    }

    private int freeTurns(UUID webhookId) {
        String receiver = receiverOf.get(webhookId);
        Receiver r = receiver == null ? null : perHost.get(receiver);
        return r == null ? limit : r.free();
    }

    /** Subscriptions whose receiver has every turn in use: claiming more of theirs now would only make them wait. */
    List<UUID> saturated() {
        List<UUID> saturated = new ArrayList<>();
        receiverOf.forEach((webhook, receiver) -> {
            Receiver r = perHost.get(receiver);
            if (r != null && r.free() == 0 && saturated.size() < MAX_SATURATED) {
                saturated.add(webhook);
            }
        });
        return saturated;
    }

    /** Of the saturated subscriptions, those not parked now whose receiver has answered nothing for a while. */
    List<UUID> toPark(List<UUID> saturated, Instant now) {
        long since = nanoTime.getAsLong() - wait.toNanos();
        return saturated.stream()
                .filter(w -> !parkedUntil.getOrDefault(w, Instant.MIN).isAfter(now))
                .filter(w -> {
                    Receiver r = perHost.get(receiverOf.get(w));
                    return r != null && r.lastProgress() - since < 0;
                })
                .toList();
    }

    /** Notes that the given subscriptions' backlogs were parked until {@code now + PARK}, and forgets parkings that ended. */
    void parked(List<UUID> webhookIds, Instant now) {
        webhookIds.forEach(w -> parkedUntil.put(w, now.plus(PARK)));
        parkedUntil.values().removeIf(until -> until.isBefore(now));
    }

    /**
     * Takes a turn of the subscription's receiver, waiting up to the gate's wait (a busy receiver
     * frees one in milliseconds; a dead one holds its turns for a whole timeout).
     *
     * @return the turn, to give back when the request is over; null when none came free
     */
    Turn enter(UUID webhookId, URI url) throws InterruptedException {
        String receiver = receiver(url);
        receiverOf.put(webhookId, receiver);
        Receiver r = perHost.computeIfAbsent(receiver, h -> new Receiver(limit, nanoTime.getAsLong()));
        return r.turns.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS) ? r::finished : null;
    }

    /** A turn taken at a receiver; given back once, when its request is over (answered or not). */
    @FunctionalInterface
    interface Turn {
        void finished();
    }

    /** A receiver's turns and when a request to it last finished. */
    private final class Receiver {
        private final Semaphore turns;
        private volatile long lastProgress;

        Receiver(int limit, long now) {
            this.turns = new Semaphore(limit);
            this.lastProgress = now;
        }

        int free() {
            return turns.availablePermits();
        }

        long lastProgress() {
            return lastProgress;
        }

        void finished() {
            lastProgress = nanoTime.getAsLong();
            turns.release();
        }
    }
}
