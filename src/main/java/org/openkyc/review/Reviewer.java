package org.openkyc.review;

import java.util.UUID;

/**
 * Who is acting: an authenticated reviewer account, as the console or the API maps it.
 * {@code brandId} null means the reviewer works every brand's cases; otherwise only that brand's.
 */
record Reviewer(UUID reviewerId, String username, boolean supervisor, UUID brandId) {

    Reviewer {
        if (reviewerId == null || username == null || username.isBlank()) {
            throw new IllegalArgumentException("a reviewer has an id and a username");
        }
    }

    /** Whether this reviewer may see the brand's cases. */
    boolean sees(UUID brand) {
        return brandId == null || brandId.equals(brand);
    }
}
