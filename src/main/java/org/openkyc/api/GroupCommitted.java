package org.openkyc.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method whose writes a {@code db.GroupCommitter} commits together with other
 * requests' (the KYC start): its request holds no connection while it waits for its group (a
 * lane writes for it), and the handler stores the request's idempotency key in that commit
 * itself. The one mark the filters read ({@link GroupCommittedRoutes}): admission gives these
 * requests places of their own, and the idempotency filter opens no transaction for them but
 * hands the handler the key's claim.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface GroupCommitted {
}
