package org.openkyc.api;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Routes whose requests hold no pooled connection while they work: another thread writes and
 * commits for them, many requests at a time (KYC starts, committed in groups). Admission counts
 * them against a limit of their own, so they neither take the places of requests that do hold a
 * connection nor are held to the pool's size, which would keep their groups small.
 */
public interface ConnectionFreeRoutes {

    boolean matches(HttpServletRequest request);

    /** How many of these requests may work at once. */
    int concurrentRequests();
}
