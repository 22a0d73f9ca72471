package org.openkyc.idempotency;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Routes whose handlers commit their writes, and the request's idempotency key with them, in a
 * transaction they run themselves (KYC starts, committed in groups). For these the idempotency
 * filter opens no transaction: it passes the {@link IdempotencyClaim} on and answers conflicts.
 */
public interface KeyCommittingRoutes {

    boolean commitsOwnKey(HttpServletRequest request);
}
