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
    private final IdempotencyFilter filter;
    private final Clock clock;

    IdempotencyClaims(IdempotencyStore store, IdempotencyFilter filter, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.filter = filter;
    }

    /**
     * Held back to the commit like the filter's own insert: the key is claimed exactly when the
     * caller's writes commit. {@code body} must be the response the request will send.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void store(IdempotencyClaim claim, int status, byte[] body) {
        store.insertWithResponse(claim.scope, claim.fingerprint, DbTime.now(clock), status, filter.sealResponse(claim.scope, body));
        org.openkyc.db.AfterCommit.run(claim::markStored);
    }
}
