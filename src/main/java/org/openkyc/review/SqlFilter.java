package org.openkyc.review;

import java.util.LinkedHashMap;
import java.util.Map;

/** A WHERE clause built from optional filters: a condition and its named parameter join only when the value is given. */
final class SqlFilter {

    private final StringBuilder sql;
    private final Map<String, Object> params = new LinkedHashMap<>();

    SqlFilter(String select) {
        this.sql = new StringBuilder(select);
    }

    /** Adds {@code AND condition} with {@code :name} bound to {@code value}, unless the value is null. */
    SqlFilter and(String condition, String name, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            params.put(name, value);
        }
        return this;
    }

    /** Adds a condition without parameters when {@code when} holds. */
    SqlFilter andIf(boolean when, String condition) {
        if (when) {
            sql.append(" AND ").append(condition);
        }
        return this;
    }

    /** The statement with its ORDER BY and a LIMIT / OFFSET page. */
    String sql(String orderBy, int limit, int offset) {
        params.put("limit", limit);
        params.put("offset", offset);
        return sql + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset";
    }

    Map<String, Object> params() {
        return params;
    }
}
