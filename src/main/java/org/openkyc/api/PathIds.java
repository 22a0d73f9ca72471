package org.openkyc.api;

import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Ids from paths: a malformed id names nothing that exists, so it gets the route's 404. Only the
 * 8-4-4-4-12 spelling in ASCII hex digits (either case) is an id: {@link UUID#fromString} alone
 * also takes a sign and non-ASCII digits ({@code +}, Arabic-Indic, full-width), other names for an
 * existing resource.
 */
public final class PathIds {

    private static final Pattern CANONICAL = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private PathIds() {
    }

    public static UUID parse(String raw, Supplier<ApiException> notFound) {
        if (raw == null || !CANONICAL.matcher(raw).matches()) {
            throw notFound.get();
        }
        return UUID.fromString(raw);
    }
}
