package org.openkyc.review;

import java.io.Serializable;
import java.util.UUID;

/**
 * The reviewer signed in to the console or calling the review API: kept in the session, so no
 * password hash or secret is in it. {@code brandId} null means every brand.
 */
record ReviewerPrincipal(UUID reviewerId, String username, ReviewerRole role, UUID brandId) implements Serializable {

    /** Whether this reviewer may see cases of that brand. */
    boolean mayWorkOn(UUID brand) {
        return brandId == null || brandId.equals(brand);
    }

    /** As the review desk takes it. */
    Reviewer reviewer() {
        return new Reviewer(reviewerId, username, supervisor(), brandId);
    }

    public boolean supervisor() { // public: the console's templates call it
        return role == ReviewerRole.SUPERVISOR;
    }

    @Override
    public String toString() {
        return username; // Spring Security logs a principal's toString at debug level: only the name.
    }
}
