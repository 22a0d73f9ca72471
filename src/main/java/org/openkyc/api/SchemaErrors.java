package org.openkyc.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field errors collected while reading a body, nested like marshmallow's:
 * {@code {"addresses": {"0": {"zip_code": ["..."]}}}}.
 */
public final class SchemaErrors {

    private final Map<String, Object> errors = new LinkedHashMap<>();

    /**
     * Adds a message for a field. A field that already holds nested errors (a list whose items were
     * wrong) keeps them and gets the message under {@code _schema}, as marshmallow does for a
     * schema-level error.
     */
    @SuppressWarnings("unchecked")
    public void add(String field, String message) {
        Object current = errors.get(field);
        if (current instanceof SchemaErrors child) {
            if (!child.isEmpty()) {
                child.add("_schema", message);
                return;
            }
            current = null;
        }
        if (current == null) {
            current = new ArrayList<String>();
            errors.put(field, current);
        }
        ((List<String>) current).add(message);
    }

    /** Errors of a nested object, created on first use and dropped again if it stays empty. */
    public SchemaErrors nested(String field) {
        SchemaErrors child = new SchemaErrors();
        errors.put(field, child);
        return child;
    }

    public boolean isEmpty() {
        return toMap().isEmpty();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        errors.forEach((field, value) -> {
            if (value instanceof SchemaErrors child) {
                Map<String, Object> map = child.toMap();
                if (!map.isEmpty()) {
                    out.put(field, map);
                }
            } else if (!((List<?>) value).isEmpty()) {
                out.put(field, value);
            }
        });
        return out;
    }

    /** Fails the request with a 400 in the envelope when anything was wrong. */
    public void throwIfAny(String code) {
        Map<String, Object> map = toMap();
        if (!map.isEmpty()) {
            throw ApiException.badRequest(code, map);
        }
    }
}
