package org.openkyc.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The per-receiver gate's decisions with time in the test's hands: turns per receiver, which
 * subscriptions claims skip (saturated), and which backlogs are parked (saturated and stalled, not
 * parked already).
 */
class ReceiverGateTest {

    private static final Duration WAIT = Duration.ofSeconds(1);
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final URI RECEIVER = URI.create("http://receiver.test:8080/hook");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

    private ReceiverGate gate(int limit, Duration wait) {
        return new ReceiverGate(limit, limit, wait, nanos::get);
    }

    private ReceiverGate adaptive(int limit, int max) {
        return new ReceiverGate(limit, max, Duration.ZERO, nanos::get);
    }

    private static List<ReceiverGate.Turn> take(ReceiverGate gate, UUID webhook, int n) throws InterruptedException {
        List<ReceiverGate.Turn> turns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ReceiverGate.Turn turn = gate.enter(webhook, RECEIVER);
            assertThat(turn).as("turn %d of %d", i + 1, n).isNotNull();
            turns.add(turn);
        }
        return turns;
    }

    @ParameterizedTest(name = "{0} of 2 turns taken, {1} ms without an answer, parked {2} s ago: saturated {3}, parked now {4}")
    @CsvSource({
            // taken, ms since last answer, parked s ago (-1: never), saturated, to park
            "0, 5000, -1, false, false",
            "1, 5000, -1, false, false",
            "2,    0, -1, true,  false",
            "2,  999, -1, true,  false",
            "2, 1001, -1, true,  true",
            "2, 5000,  2, true,  false",
            "2, 5000,  5, true,  true",
            "2, 5000,  6, true,  true",
    })
    void decides(int taken, long msSinceAnswer, int parkedAgo, boolean saturated, boolean toPark) throws InterruptedException {
        ReceiverGate gate = gate(2, WAIT);
        UUID webhook = UUID.randomUUID();
        if (taken == 0) {
            take(gate, webhook, 1).forEach(t -> t.finished(true)); // known to the gate, nothing in flight
        } else {
            take(gate, webhook, taken);
        }
        if (parkedAgo >= 0) {
            gate.parked(List.of(webhook), NOW.minusSeconds(parkedAgo));
        }
        nanos.addAndGet(Duration.ofMillis(msSinceAnswer).toNanos());

        List<UUID> skipped = gate.saturated();
        assertThat(skipped.contains(webhook)).isEqualTo(saturated);
        assertThat(gate.toPark(skipped, NOW).contains(webhook)).isEqualTo(toPark);
    }

    @Test
    void subscriptionsOnOneReceiverShareItsTurnsAndAnUnknownOneHasAFullShare() throws InterruptedException {
        ReceiverGate gate = gate(3, Duration.ZERO);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        ReceiverGate.Turn inFlight = take(gate, first, 1).getFirst();
        take(gate, second, 1).getFirst().finished(true); // now known to share first's receiver

        Predicate<UUID> turns = gate.turns();
        assertThat(List.of(turns.test(first), turns.test(second), turns.test(first))).as("2 of 3 turns free, shared")
                .containsExactly(true, true, false);
        assertThat(List.of(turns.test(unknown), turns.test(unknown), turns.test(unknown), turns.test(unknown)))
                .containsExactly(true, true, true, false);

        inFlight.finished(true);
        Predicate<UUID> fresh = gate.turns();
        assertThat(List.of(fresh.test(second), fresh.test(second), fresh.test(second), fresh.test(first))).containsExactly(true, true, true, false);
    }

    @Test
    void aFullReceiverGivesNoTurnUntilOneIsGivenBackAndAnAnswerIsProgress() throws InterruptedException {
        ReceiverGate gate = gate(2, Duration.ZERO);
        UUID webhook = UUID.randomUUID();
        List<ReceiverGate.Turn> turns = take(gate, webhook, 2);
        assertThat(gate.enter(webhook, RECEIVER)).as("both turns in flight").isNull();

        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        turns.getFirst().finished(true);
        assertThat(gate.saturated()).isEmpty();
        take(gate, webhook, 1);
        assertThat(gate.saturated()).containsExactly(webhook);
        assertThat(gate.toPark(gate.saturated(), NOW)).as("it answered just now: saturated, not stalled").isEmpty();
    }

    @Test
    void aParkedBacklogIsParkedOnceUntilItsParkingEnds() throws InterruptedException {
        ReceiverGate gate = gate(1, WAIT);
        UUID webhook = UUID.randomUUID();
        take(gate, webhook, 1);
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        List<UUID> toPark = gate.toPark(gate.saturated(), NOW);
        assertThat(toPark).containsExactly(webhook);
        gate.parked(toPark, NOW);

        assertThat(gate.toPark(gate.saturated(), NOW.plus(ReceiverGate.PARK).minusMillis(1))).isEmpty();
        assertThat(gate.toPark(gate.saturated(), NOW.plus(ReceiverGate.PARK))).containsExactly(webhook);
    }

    @Test
    void aReceiverThatAnswersWellWithItsLimitInUseGetsATurnMorePerAnswerUpToTheMaximum() throws InterruptedException {
        ReceiverGate gate = adaptive(2, 4);
        UUID webhook = UUID.randomUUID();
        List<ReceiverGate.Turn> turns = take(gate, webhook, 2);
        assertThat(gate.enter(webhook, RECEIVER)).as("the base limit in use").isNull();

        turns.removeFirst().finished(true);
        assertThat(gate.limitOf(RECEIVER)).isEqualTo(3);
        turns.addAll(take(gate, webhook, 2));
        assertThat(gate.enter(webhook, RECEIVER)).isNull();
        turns.removeFirst().finished(true);
        turns.addAll(take(gate, webhook, 2));
        turns.removeFirst().finished(true);
        assertThat(gate.limitOf(RECEIVER)).as("the maximum").isEqualTo(4);
        turns.addAll(take(gate, webhook, 1));
        assertThat(gate.enter(webhook, RECEIVER)).isNull();
        assertThat(gate.saturated()).containsExactly(webhook);
    }

    @Test
    void goodAnswersWithTurnsToSpareDoNotGrowTheLimit() throws InterruptedException {
        ReceiverGate gate = adaptive(3, 10);
        UUID webhook = UUID.randomUUID();
        for (int i = 0; i < 20; i++) {
            List<ReceiverGate.Turn> two = take(gate, webhook, 2);
            two.forEach(t -> t.finished(true));
        }
        assertThat(gate.limitOf(RECEIVER)).isEqualTo(3);
    }

    @Test
    void aBadAnswerHalvesTheLimitButNeverBelowTheBase() throws InterruptedException {
        ReceiverGate gate = adaptive(2, 8);
        UUID webhook = UUID.randomUUID();
        while (gate.limitOf(RECEIVER) < 8) {
            List<ReceiverGate.Turn> all = take(gate, webhook, gate.limitOf(RECEIVER));
            all.forEach(t -> t.finished(true));
        }
        List<ReceiverGate.Turn> inFlight = take(gate, webhook, 8);
        List<Integer> limits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inFlight.removeFirst().finished(false);
            limits.add(gate.limitOf(RECEIVER));
        }
        assertThat(limits).containsExactly(4, 2, 2, 2);
        assertThat(gate.saturated()).as("4 still in flight over a limit of 2").containsExactly(webhook);
        assertThat(gate.enter(webhook, RECEIVER)).isNull();
        inFlight.forEach(t -> t.finished(true));
        assertThat(gate.limitOf(RECEIVER)).as("grown again by one (the limit had been reached)").isEqualTo(3);
    }

    @Test
    void aSenderWaitingForATurnGetsTheOneAGoodAnswerAdds() throws Exception {
        ReceiverGate gate = new ReceiverGate(1, 2, Duration.ofSeconds(30), nanos::get);
        UUID webhook = UUID.randomUUID();
        ReceiverGate.Turn first = take(gate, webhook, 1).getFirst();
        java.util.concurrent.CompletableFuture<ReceiverGate.Turn> waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return gate.enter(webhook, RECEIVER);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50); // the sender is waiting (if it is not yet, it finds a turn free: the assertions hold either way)
        first.finished(true);
        assertThat(waiting.get(5, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
        assertThat(gate.limitOf(RECEIVER)).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} in {1} ms: answered well {2}")
    @CsvSource({
            "200,    5, true",
            "204, 1000, true",
            "410,   10, true",
            "404,   10, true",
            "429,   10, false",
            "500,   10, false",
            "503,   10, false",
            "200, 1001, false",
            "0,     10, false",
    })
    void whatCountsAsAGoodAnswer(int status, long millis, boolean well) {
        Exchange exchange = status == 0 ? new Exchange.Failed("timed out") : new Exchange.Answered(status, "", null);
        assertThat(ReceiverGate.answeredWell(exchange, Duration.ofMillis(millis))).isEqualTo(well);
    }

    @Test
    void theReceiverIsTheHostAndPort() {
        assertThat(ReceiverGate.receiver(URI.create("https://a.example:8443/x?y"))).isEqualTo("a.example:8443");
        assertThat(ReceiverGate.receiver(URI.create("http://a.example/other"))).isEqualTo("a.example:-1");
    }
}
