package org.openkyc.api;

import java.util.regex.Pattern;

/**
 * Query values read exactly: {@code Integer.parseInt} after {@code trim()} took {@code 20%00},
 * {@code +20} and Arabic-Indic digits as 20. A value that is not plain ASCII digits is an error.
 */
public final class QueryValues {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    private QueryValues() {
    }

    /** The integer, {@code fallback} when absent, or null with the error recorded under {@code name}. */
    public static Integer integer(String raw, int fallback, String name, SchemaErrors errors) {
        if (raw == null) {
            return fallback;
        }
        if (!DIGITS.matcher(raw).matches()) {
            errors.add(name, "Not a valid integer.");
            return null;
        }
        return Integer.parseInt(raw);
    }
}
