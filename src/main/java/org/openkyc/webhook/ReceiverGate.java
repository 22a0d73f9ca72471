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
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The per-receiver gate: a receiver (host and port, shared by the subscriptions that point at it)
 * takes a limited number of requests at once, so one slow receiver cannot take every sender. The
 * gate counts each receiver's free turns for claims, names the subscriptions whose receiver is
 * saturated (claims skip them) and, of those, the ones whose receiver has answered nothing for a
 * while: their due backlog is parked ahead, so claims do not wade through it.
 *
 * <p>A receiver's limit adapts (additive increase, multiplicative decrease): it starts at the
 * base limit; each good answer (2xx–4xx but 429, within {@link #QUICK}) that comes while the
 * receiver's demand had reached its limit adds a turn, up to the maximum; each failure, 429, 5xx or
 * slow answer halves it, never below the base. A fixed limit caps a healthy receiver at limit ÷
 * latency: 32 turns at the 30 ms a loaded two-core machine answers in are ~1,000 deliveries/s,
 * fewer than one busy brand's events (measured, bench/live). A slow or failing receiver stays at
 * the base, as before.
 */
final class ReceiverGate {

    /**
     * A saturated receiver's due backlog is moved this far ahead (a dead receiver's backlog sits at
     * the front of the due index); its order is kept.
     */
    static final Duration PARK = Duration.ofSeconds(5);
    private static final int MAX_SATURATED = 1000;
    /** An answer that took longer than this is no sign the receiver can take more. */
    static final Duration QUICK = Duration.ofSeconds(1);

    private final int limit;
    private final int maxLimit;
    private final Duration wait;
    private final LongSupplier nanoTime;
    private final Map<String, Receiver> perHost = new ConcurrentHashMap<>();
    /** The receiver of each subscription sent to lately: claims skip those whose receiver has its share in flight. */
    private final Map<UUID, String> receiverOf = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> parkedUntil = new ConcurrentHashMap<>();

    /**
     * @param limit    requests in flight at once per receiver, to begin with and at least
     * @param maxLimit requests in flight at once per receiver at most, once it has shown it answers them well
     *                 (1 <= limit <= maxLimit: {@link WebhookProperties} refuses anything else at start)
     * @param wait     how long a sender waits for a turn, and how long a saturated receiver may go
     *                 without answering before its backlog is parked
     * @param nanoTime elapsed time (System::nanoTime; tests move it themselves)
     */
    ReceiverGate(int limit, int maxLimit, Duration wait, LongSupplier nanoTime) {
        this.limit = limit;
        this.maxLimit = maxLimit;
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
            if (r != null && r.free() <= 0 && saturated.size() < MAX_SATURATED) {
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
        Receiver r = perHost.computeIfAbsent(receiver, h -> new Receiver(nanoTime.getAsLong()));
        return r.enter(wait.toNanos()) ? r::finished : null;
    }

    /** The limit of the receiver of this URL now (the base limit for one not sent to yet). */
    int limitOf(URI url) {
        Receiver r = perHost.get(receiver(url));
        return r == null ? limit : r.limit();
    }

    /** Whether an exchange shows the receiver could take more: a quick answer that is neither 429 nor a 5xx. */
    static boolean answeredWell(Exchange exchange, Duration took) {
        return exchange instanceof Exchange.Answered a && a.status() < 500 && a.status() != 429 && took.compareTo(QUICK) <= 0;
    }

    /** A turn taken at a receiver; given back once, when its request is over (answered or not). */
    @FunctionalInterface
    interface Turn {
        /** @param answeredWell {@link #answeredWell} of the request's exchange */
        void finished(boolean answeredWell);
    }

    /** A receiver's limit, its requests in flight, and when one last finished. */
    private final class Receiver {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition turnFreed = lock.newCondition();
        private int current = limit;
        private int inFlight;
        /** Demand reached the limit since the limit last grew: a good answer may grow it. */
        private boolean limitReached;
        private volatile long lastProgress;

        Receiver(long now) {
            this.lastProgress = now;
        }

        boolean enter(long waitNanos) throws InterruptedException {
            lock.lockInterruptibly();
            try {
                long left = waitNanos;
                while (inFlight >= current) {
                    limitReached = true;
                    if (left <= 0) {
                        return false;
                    }
                    left = turnFreed.awaitNanos(left);
                }
                inFlight++;
                limitReached |= inFlight == current;
                return true;
            } finally {
                lock.unlock();
            }
        }

        void finished(boolean answeredWell) {
            lastProgress = nanoTime.getAsLong();
            lock.lock();
            try {
                inFlight--;
                if (!answeredWell) {
                    current = Math.max(limit, current / 2);
                } else if (limitReached && current < maxLimit) {
                    current++;
                    limitReached = false;
                }
                for (int free = current - inFlight; free > 0 && lock.hasWaiters(turnFreed); free--) {
                    turnFreed.signal(); // the turn given back, and the one just added
                }
            } finally {
                lock.unlock();
            }
        }

        int free() {
            lock.lock();
            try {
                return current - inFlight;
            } finally {
                lock.unlock();
            }
        }

        int limit() {
            lock.lock();
            try {
                return current;
            } finally {
                lock.unlock();
            }
        }

        long lastProgress() {
            return lastProgress;
        }
    }
}
