package org.openkyc.api;

import java.util.UUID;

/**
 * Who is calling, as established by API key authentication. Controllers take it as a parameter;
 * every query they make is scoped by {@link #brandId()}.
 *
 * @param customerScope set for temporary keys, which may only touch that one customer
 */
public record Caller(UUID brandId, UUID keyId, UUID customerScope) {

    public static final String REQUEST_ATTRIBUTE = Caller.class.getName();

    public boolean temporary() {
        return customerScope != null;
    }
}
