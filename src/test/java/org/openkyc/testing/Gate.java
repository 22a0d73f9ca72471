package org.openkyc.testing;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A point inside the server (the in-process one of {@link ApiTestBase}) that a request signals
 * when it gets there and, on the held routes, does not pass until the test lets it go. Tests wait
 * for the signal instead of sleeping and hoping the request has got that far.
 */
public final class Gate implements AutoCloseable {

    /** The request header naming the gate a request signals (see the fault-injection profile's routes and filter). */
    public static final String HEADER = "X-Test-Gate";

    private static final Map<String, Gate> OPEN = new ConcurrentHashMap<>();
    private static final long WAIT_SECONDS = 20;

    private final String name = UUID.randomUUID().toString();
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    private Gate() {
    }

    public static Gate open() {
        Gate gate = new Gate();
        OPEN.put(gate.name, gate);
        return gate;
    }

    public String name() {
        return name;
    }

    /** Server side: the request named by {@code name} has got here. */
    public static void reached(String name) {
        Gate gate = name == null ? null : OPEN.get(name);
        if (gate != null) {
            gate.reached.countDown();
        }
    }

    /** Server side: signals, then holds the request until the test releases it (or gives up after a while). */
    public static void pass(String name) throws InterruptedException {
        Gate gate = OPEN.get(name);
        if (gate == null) {
            throw new IllegalStateException("no open gate " + name);
        }
        gate.reached.countDown();
        if (!gate.released.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gate " + name + " was never released");
        }
    }

    /** Waits until a request has got to the gate; fails the test if none does. */
    public void awaitReached() throws InterruptedException {
        if (!reached.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("no request reached gate " + name);
        }
    }

    public void release() {
        released.countDown();
    }

    @Override
    public void close() {
        release();
        OPEN.remove(name);
    }
}
