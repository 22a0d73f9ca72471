package org.openkyc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.InProcessServer;
import org.openkyc.testing.TcpProxy;
import org.openkyc.testing.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * SPEC §1.1 and §11.2 under a database that goes down or stops answering while requests keep
 * coming: every request gets its answer within the contract's 5 s (a 503 in the envelope while the
 * database is away, never a 500), readiness answers within 1 s and says DOWN, and the service
 * recovers by itself. The database is failed through a proxy ({@link TcpProxy}), never the shared
 * server itself. PostgreSQL only: the embedded H2 database cannot go away.
 */
@Tag("db")
class DatabaseFaultTest {

    private static final long CONTRACT_MS = 5_000;
    private static final long READINESS_MS = 1_000;
    /** Longer than the contract: a request that waits for the database would show. */
    private static final long FAULT_MS = 7_000;
    private static final long TRICKLE_EVERY_MS = 100;

    private static TcpProxy proxy;
    private static ConfigurableApplicationContext server;
    private static int port;
    private static ApiTestBase.Brand brand;

    /** One answer as the client saw it: when it was asked (ms from the fault's start) and how long it took. */
    private record Call(String route, long startedMs, long tookMs, Http.Response response) {
        boolean during(long faultEndMs) {
            return startedMs >= 0 && startedMs + tookMs <= faultEndMs;
        }
    }

    @BeforeAll
    static void startBehindProxy() throws Exception {
        assumeTrue(TestDatabase.postgres(), "needs PostgreSQL");
        Map<String, String> config = new HashMap<>(TestDatabase.fresh());
        String url = config.get("spring.datasource.url");
        java.net.URI target = java.net.URI.create(url.substring("jdbc:".length()));
        proxy = new TcpProxy(target.getHost(), target.getPort());
        config.put("spring.datasource.url", url.replace(target.getHost() + ":" + target.getPort(), "127.0.0.1:" + proxy.port()));
        config.put("openkyc.admin-token", ApiTestBase.ADMIN_TOKEN);
        server = InProcessServer.start(config);
        port = InProcessServer.port(server);
        brand = InProcessServer.newBrand(port);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aDatabaseThatGoesDownGivesTimely503sAndTheServiceRecovers() throws Exception {
        underFault("stopped", () -> {
            try {
                proxy.stop();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aDatabaseThatStopsAnsweringGivesTimely503sAndTheServiceRecovers() throws Exception {
        underFault("frozen", proxy::freeze);
    }

    private void underFault(String fault, Runnable startFault) throws Exception {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 100; i++) { // one start each: a second start of a customer is refused
            customers.add(createCustomer());
        }
        AtomicInteger nextCustomer = new AtomicInteger();
        List<Map.Entry<String, Supplier<Http.Response>>> routes = List.of(
                Map.entry("GET /customers", () -> brand.api().get("/api/v0.1/customers")),
                Map.entry("POST /customers", () -> brand.api().post("/api/v0.1/customers", ApiTestBase.customerBody())),
                Map.entry("POST /verification-kyc", () -> startKyc(customers.get(nextCustomer.getAndIncrement()))),
                Map.entry("GET /customers/{id}", () -> brand.api().get("/api/v0.1/customers/" + customers.get(0))),
                Map.entry("POST /customers with a key", () -> brand.api().with("Idempotency-Key", java.util.UUID.randomUUID().toString())
                        .post("/api/v0.1/customers", ApiTestBase.customerBody())));

        Queue<Call> calls = new ConcurrentLinkedQueue<>();
        Queue<Call> probes = new ConcurrentLinkedQueue<>();
        long faultStart = System.nanoTime() + 1_000_000_000L; // a second of normal traffic first
        CountDownLatch stopTrickle = new CountDownLatch(1);
        AtomicInteger launched = new AtomicInteger();
        Thread trickle = Thread.ofVirtual().start(() -> {
            int n = 0;
            while (stopTrickle.getCount() > 0) {
                var route = routes.get(n++ % routes.size());
                launched.incrementAndGet();
                Thread.ofVirtual().start(() -> calls.add(timed(route.getKey(), faultStart, route.getValue())));
                if (n % 3 == 0) {
                    launched.incrementAndGet();
                    Thread.ofVirtual().start(() -> probes.add(timed("readiness", faultStart, () -> anonymous().get("/actuator/health/readiness"))));
                }
                sleepMs(TRICKLE_EVERY_MS);
            }
        });

        sleepUntil(faultStart);
        startFault.run();
        sleepMs(FAULT_MS);
        proxy.resume();
        long faultEndMs = FAULT_MS;

        // Recovery by itself: within a few seconds every route answers again.
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline && !(recovered(calls, faultEndMs) && anonymous().get("/actuator/health/readiness").status() == 200)) {
            sleepMs(200);
        }
        sleepMs(1_000);
        stopTrickle.countDown();
        trickle.join();
        long answered = System.nanoTime() + 40_000_000_000L; // the last calls answer (each within the contract, asserted below)
        while (calls.size() + probes.size() < launched.get() && System.nanoTime() < answered) {
            sleepMs(50);
        }
        assertThat(calls.size() + probes.size()).as("every call answered").isEqualTo(launched.get());

        report(fault, calls, probes, faultEndMs);
        for (Call call : calls) {
            Http.Response r = call.response();
            assertThat(call.tookMs()).as("%s %s", call, fault).isLessThan(CONTRACT_MS);
            assertThat(r.status()).as("%s %s", call, fault).isIn(200, 201, 503);
            if (r.status() == 503) {
                assertThat(r.json().get("Code").stringValue()).as(call.toString()).isEqualTo("service_unavailable");
                assertThat(r.header("X-Request-Id")).as(call.toString()).isNotBlank();
            }
            if (call.startedMs() >= 100 && call.during(faultEndMs)) {
                assertThat(r.status()).as("answered while the database was %s: %s", fault, call).isEqualTo(503);
            }
        }
        assertThat(calls.stream().filter(c -> c.during(faultEndMs) && c.startedMs() >= 100)).as("calls during the fault").hasSizeGreaterThan(20);
        for (Call probe : probes) {
            assertThat(probe.tookMs()).as("%s %s", probe, fault).isLessThan(READINESS_MS);
            if (probe.startedMs() >= 100 && probe.during(faultEndMs)) {
                assertThat(probe.response().status()).as("readiness while the database was %s: %s", fault, probe).isEqualTo(503);
            }
        }
        assertThat(probes.stream().filter(p -> p.during(faultEndMs) && p.startedMs() >= 100)).as("probes during the fault").isNotEmpty();
        assertThat(recovered(calls, faultEndMs)).as("every route answers again after the fault").isTrue();
        assertThat(anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    /** Whether each route has answered 2xx to a call made after the fault ended. */
    private static boolean recovered(Queue<Call> calls, long faultEndMs) {
        Map<String, Boolean> ok = new HashMap<>();
        calls.stream().filter(c -> c.startedMs() > faultEndMs && c.response().status() < 300).forEach(c -> ok.put(c.route(), true));
        return ok.size() == 5;
    }

    private static void report(String fault, Queue<Call> calls, Queue<Call> probes, long faultEndMs) {
        Map<String, long[]> worst = new LinkedHashMap<>(); // route -> {worst ms during the fault, 503s, other statuses}
        for (Call c : calls) {
            long[] w = worst.computeIfAbsent(c.route(), k -> new long[3]);
            if (c.startedMs() >= 0 && c.startedMs() <= faultEndMs) {
                w[0] = Math.max(w[0], c.tookMs());
            }
            w[c.response().status() == 503 ? 1 : 2]++;
        }
        long probeWorst = probes.stream().mapToLong(Call::tookMs).max().orElse(-1);
        StringBuilder line = new StringBuilder("database " + fault + ": worst latency by route (ms, calls begun during the fault) ");
        worst.forEach((route, w) -> line.append(route).append('=').append(w[0]).append(" (503s ").append(w[1]).append(", others ").append(w[2]).append("); "));
        line.append("readiness worst ").append(probeWorst).append(" ms of ").append(probes.size());
        System.out.println(line);
    }

    private static Call timed(String route, long faultStartNanos, Supplier<Http.Response> call) {
        long start = System.nanoTime();
        Http.Response response = call.get();
        long end = System.nanoTime();
        return new Call(route, TimeUnit.NANOSECONDS.toMillis(start - faultStartNanos), TimeUnit.NANOSECONDS.toMillis(end - start), response);
    }

    private static Http anonymous() {
        return new Http(port);
    }

    private static String createCustomer() {
        Http.Response response = brand.api().post("/api/v0.1/customers", ApiTestBase.customerBody());
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("customer_id").stringValue();
    }

    private static Http.Response startKyc(String customerId) {
        return brand.api().post("/api/v0.1/customers/" + customerId + "/verification-kyc", ApiTestBase.kycStartBody(brand.programId(), "000-00-0000"));
    }

    private static void sleepUntil(long nanos) {
        sleepMs(Math.max(0, TimeUnit.NANOSECONDS.toMillis(nanos - System.nanoTime())));
    }

    private static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
