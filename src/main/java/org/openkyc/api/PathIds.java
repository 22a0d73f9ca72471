package org.openkyc.api;

import java.util.UUID;
import java.util.function.Supplier;

/** Ids from paths: a malformed id names nothing that exists, so it gets the route's 404. */
public final class PathIds {

    private PathIds() {
    }

    public static UUID parse(String raw, Supplier<ApiException> notFound) {
        if (raw != null && raw.length() == 36) {
            try {
                return UUID.fromString(raw);
            } catch (IllegalArgumentException e) {
                // fall through
            }
        }
        throw notFound.get();
    }
}
