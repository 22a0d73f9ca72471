package org.openkyc.api;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON object field by field the way a marshmallow schema would, collecting errors with
 * marshmallow's wording instead of throwing at the first one. Call {@link #finish()} last: it
 * reports every field that no reader asked for as {@code Unknown field.}
 *
 * <p>In a partial body (PATCH) required fields may be absent, but never null.
 */
public final class JsonBody {

    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern UUID_TEXT = Pattern.compile("^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$");

    private final JsonNode node;
    private final SchemaErrors errors;
    private final boolean partial;
    private final Set<String> read = new LinkedHashSet<>();

    private JsonBody(JsonNode node, SchemaErrors errors, boolean partial) {
        this.node = node;
        this.errors = errors;
        this.partial = partial;
    }

    /** A body to read; a non-object body is one {@code _schema} error and every read sees nothing. */
    public static JsonBody of(JsonNode node, SchemaErrors errors, boolean partial) {
        if (node == null || !node.isObject()) {
            errors.add("_schema", "Invalid input type.");
            return new JsonBody(null, errors, partial);
        }
        return new JsonBody(node, errors, partial);
    }

    public SchemaErrors errors() {
        return errors;
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public boolean has(String name) {
        return node != null && node.has(name);
    }

    @SafeVarargs
    public final Input<String> string(String name, boolean required, Rule<String>... rules) {
        JsonNode value = fetch(name, required);
        if (value == null) {
            return nullOrAbsent(name);
        }
        if (!validString(value)) {
            errors.add(name, "Not a valid string.");
            return Input.invalid();
        }
        return checked(name, value.stringValue(), rules);
    }

    /** A string that may be null (clears the field on PATCH). */
    @SafeVarargs
    public final Input<String> nullableString(String name, Rule<String>... rules) {
        JsonNode value = fetch(name, false);
        if (value == null) {
            return has(name) ? Input.ofNull() : Input.absent();
        }
        if (!validString(value)) {
            errors.add(name, "Not a valid string.");
            return Input.invalid();
        }
        return checked(name, value.stringValue(), rules);
    }

    @SafeVarargs
    public final Input<LocalDate> date(String name, boolean required, Rule<LocalDate>... rules) {
        JsonNode value = fetch(name, required);
        if (value == null) {
            return nullOrAbsent(name);
        }
        LocalDate date = value.isString() ? parseDate(value.stringValue()) : null;
        if (date == null) {
            errors.add(name, "Not a valid date.");
            return Input.invalid();
        }
        return checked(name, date, rules);
    }

    public Input<Boolean> bool(String name, boolean required) {
        JsonNode value = fetch(name, required);
        if (value == null) {
            return nullOrAbsent(name);
        }
        Boolean bool = toBoolean(value);
        if (bool == null) {
            errors.add(name, "Not a valid boolean.");
            return Input.invalid();
        }
        return Input.of(bool);
    }

    @SafeVarargs
    public final Input<Integer> integer(String name, boolean required, Rule<Integer>... rules) {
        JsonNode value = fetch(name, required);
        if (value == null) {
            return nullOrAbsent(name);
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            errors.add(name, "Not a valid integer.");
            return Input.invalid();
        }
        return checked(name, value.intValue(), rules);
    }

    @SafeVarargs
    public final Input<Double> number(String name, boolean required, Rule<Double>... rules) {
        JsonNode value = fetch(name, required);
        if (value == null) {
            return nullOrAbsent(name);
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            errors.add(name, "Not a valid number.");
            return Input.invalid();
        }
        return checked(name, value.doubleValue(), rules);
    }

    public Input<UUID> uuid(String name, boolean required) {
        JsonNode value = fetch(name, required);
        if (value == null) {
            return nullOrAbsent(name);
        }
        if (!value.isString() || !UUID_TEXT.matcher(value.stringValue()).matches()) {
            errors.add(name, "Not a valid UUID.");
            return Input.invalid();
        }
        String hex = value.stringValue().replace("-", "");
        return Input.of(UUID.fromString(hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-'
                + hex.substring(16, 20) + '-' + hex.substring(20)));
    }

    /** A list of strings; each element gets its own errors under its index. */
    @SafeVarargs
    public final Input<List<String>> stringList(String name, boolean required, Rule<String>... rules) {
        JsonNode value = fetch(name, required);
        if (value == null) {
            return nullOrAbsent(name);
        }
        if (!value.isArray()) {
            errors.add(name, "Not a valid list.");
            return Input.invalid();
        }
        SchemaErrors itemErrors = errors.nested(name);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!validString(item)) {
                itemErrors.add(String.valueOf(i), item.isNull() ? "Field may not be null." : "Not a valid string.");
                continue;
            }
            for (Rule<String> rule : rules) {
                String message = rule.check(item.stringValue());
                if (message != null) {
                    itemErrors.add(String.valueOf(i), message);
                }
            }
            items.add(item.stringValue());
        }
        return itemErrors.isEmpty() ? Input.of(items) : Input.invalid();
    }

    /** A nested object, read with its own (nested) errors. */
    public Input<JsonBody> object(String name, boolean required, boolean partialObject) {
        JsonNode value = fetch(name, required);
        if (value == null) {
            return nullOrAbsent(name);
        }
        return Input.of(JsonBody.of(value, errors.nested(name), partialObject));
    }

    /** A list of nested objects; errors land under {@code name -> index}. */
    public Input<List<JsonBody>> objectList(String name, boolean required, boolean partialObjects) {
        JsonNode value = fetch(name, required);
        if (value == null) {
            return nullOrAbsent(name);
        }
        if (!value.isArray()) {
            errors.add(name, "Not a valid list.");
            return Input.invalid();
        }
        SchemaErrors listErrors = errors.nested(name);
        List<JsonBody> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            items.add(JsonBody.of(value.get(i), listErrors.nested(String.valueOf(i)), partialObjects));
        }
        return Input.of(items);
    }

    /** A field this route does not take here, with a message saying where it belongs instead. */
    public void refuse(String name, String message) {
        read.add(name);
        if (has(name)) {
            errors.add(name, message);
        }
    }

    /** Records {@code Unknown field.} for every key nobody read. */
    public JsonBody finish() {
        if (node != null) {
            for (String name : node.propertyNames()) {
                if (!read.contains(name)) {
                    errors.add(name, "Unknown field.");
                }
            }
        }
        return this;
    }

    /** The field's value, or null when absent or JSON null (recording errors for those cases). */
    private JsonNode fetch(String name, boolean required) {
        read.add(name);
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(name);
        if (value == null) {
            if (required && !partial) {
                errors.add(name, "Missing data for required field.");
            }
            return null;
        }
        return value.isNull() ? null : value;
    }

    private <T> Input<T> nullOrAbsent(String name) {
        if (!has(name)) {
            return Input.absent();
        }
        errors.add(name, "Field may not be null.");
        return Input.invalid();
    }

    @SafeVarargs
    private <T> Input<T> checked(String name, T value, Rule<T>... rules) {
        boolean ok = true;
        for (Rule<T> rule : rules) {
            String message = rule.check(value);
            if (message != null) {
                errors.add(name, message);
                ok = false;
            }
        }
        return ok ? Input.of(value) : Input.invalid();
    }

    /**
     * A JSON string that can be stored: NUL characters are refused (PostgreSQL text cannot hold
     * them; found by fuzzing, it was a 500), and so are unpaired surrogates ({@code "\\ud800"} is
     * valid JSON but no Unicode text: the UTF-8 encoder would store it as {@code ?}).
     */
    private static boolean validString(JsonNode value) {
        return value.isString() && storable(value.stringValue());
    }

    private static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text, ISO_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** marshmallow's Boolean accepts these spellings too; Bond clients may send them. */
    private static Boolean toBoolean(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToInt() && (value.intValue() == 0 || value.intValue() == 1)) {
            return value.intValue() == 1;
        }
        if (value.isString()) {
            return switch (value.stringValue().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "t", "yes", "y", "on", "1" -> Boolean.TRUE;
                case "false", "f", "no", "n", "off", "0" -> Boolean.FALSE;
                default -> null;
            };
        }
        return null;
    }
}
