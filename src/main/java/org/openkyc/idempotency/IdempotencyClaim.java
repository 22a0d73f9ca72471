package org.openkyc.idempotency;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * A POST's claim on its idempotency key, handed to a handler that commits its writes in a
 * transaction of its own choosing rather than the request's (a group commit, for a route marked
 * {@link org.openkyc.api.GroupCommitted}): the
 * handler stores the key with its response in that transaction ({@link IdempotencyClaims#store}),
 * or reports that another request holds it ({@link #keyHeld}). The filter answers the rest as for
 * every other POST.
 */
public final class IdempotencyClaim {

    static final String ATTRIBUTE = IdempotencyClaim.class.getName();

    final IdempotencyStore.Scope scope;
    final String fingerprint;
    private volatile boolean stored;
    private volatile RuntimeException keyHeld;

    IdempotencyClaim(IdempotencyStore.Scope scope, String fingerprint) {
        this.scope = scope;
        this.fingerprint = fingerprint;
    }

    /** The claim of a request the idempotency filter passed to a key-committing route; none without a key. */
    public static Optional<IdempotencyClaim> of(HttpServletRequest request) {
        return Optional.ofNullable((IdempotencyClaim) request.getAttribute(ATTRIBUTE));
    }

    /**
     * Whether a failed commit failed on a held key: a duplicate of it (a committed holder) or a wait
     * for its row that gave up or deadlocked (a holder still running).
     */
    public static boolean isKeyHeld(RuntimeException failure) {
        return failure instanceof PessimisticLockingFailureException
                || failure instanceof DuplicateKeyException duplicate && IdempotencyStore.isKeyTaken(duplicate);
    }

    /** Another request holds the key: the filter answers with that request's outcome; the handler's answer is dropped. */
    public void keyHeld(RuntimeException failure) {
        this.keyHeld = failure;
    }

    RuntimeException keyHeldFailure() {
        return keyHeld;
    }

    void markStored() {
        stored = true;
    }

    boolean stored() {
        return stored;
    }
}
