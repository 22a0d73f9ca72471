package org.openkyc.idempotency;

import java.time.Clock;

import org.openkyc.db.DbTime;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Stores a claimed key with its response in the caller's transaction (see {@link IdempotencyClaim}). */
@Component
public class IdempotencyClaims {

    private final IdempotencyStore store;
    private final IdempotentResponses responses;
    private final Clock clock;

    IdempotencyClaims(IdempotencyStore store, IdempotentResponses responses, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.responses = responses;
    }

    /**
     * Held back to the commit like the filter's own insert: the key is claimed exactly when the
     * caller's writes commit. {@code body} must be the response the request will send.
     * {@code alone}: the caller's transaction holds this request only; a group's members pass false,
     * and a key past its 24 hours that is still stored then fails the group's commit like a taken
     * key (the group is halved until that member is alone, which frees the key: see
     * {@code IdempotencyStore.insertWithResponse}).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void store(IdempotencyClaim claim, int status, byte[] body, boolean alone) {
        store.insertWithResponse(claim.scope, claim.fingerprint, DbTime.now(clock), status, responses.seal(claim.scope, body), alone);
        org.openkyc.db.AfterCommit.run(claim::markStored);
    }
}
