package org.openkyc.api;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Routes whose requests hold no pooled connection while they wait for their writes: a few threads
 * of the route's own write and commit for them, many requests at a time (KYC starts, committed in
 * groups). Admission counts them against a limit of their own, so they neither take the places of
 * requests that do hold a connection nor are held to the pool's size, which would keep their
 * groups small; the connections the route's threads hold are taken from the other requests' share.
 */
public interface ConnectionFreeRoutes {

    boolean matches(HttpServletRequest request);

    /** How many of these requests may work at once. */
    int concurrentRequests();

    /** Connections the route's own threads hold at most. */
    int connectionsHeld();
}
