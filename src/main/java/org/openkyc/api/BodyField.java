package org.openkyc.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.media.Schema;

/**
 * One field of a JSON body, defined once for both jobs: reading and checking it (through
 * {@link JsonBody}, with marshmallow's wording) and describing it in the OpenAPI document. Rules
 * that a schema cannot state (a date in the past, a state code that depends on the country) are
 * passed when reading and said in words by {@link #describe}.
 */
public final class BodyField {

    public enum Kind { STRING, DATE, BOOLEAN, UUID }

    private final String name;
    private final Kind kind;
    private final boolean required;
    private final boolean nullable;
    private final int minLength;
    private final int maxLength;
    private final Pattern pattern;
    private final List<String> choices;
    private final String format;
    private final String description;
    private final String example;
    private final String message;

    private BodyField(String name, Kind kind, boolean required, boolean nullable, int minLength, int maxLength,
                      Pattern pattern, List<String> choices, String format, String description, String example, String message) {
        this.name = name;
        this.kind = kind;
        this.required = required;
        this.nullable = nullable;
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.pattern = pattern;
        this.choices = choices;
        this.format = format;
        this.description = description;
        this.example = example;
        this.message = message;
    }

    public String name() {
        return name;
    }

    public boolean isRequired() {
        return required;
    }

    public static BodyField string(String name) {
        return new BodyField(name, Kind.STRING, false, false, 0, Integer.MAX_VALUE, null, List.of(), null, null, null, null);
    }

    public static BodyField date(String name) {
        return new BodyField(name, Kind.DATE, false, false, 0, Integer.MAX_VALUE, null, List.of(), "date", null, null, null);
    }

    public static BodyField uuid(String name) {
        return new BodyField(name, Kind.UUID, false, false, 0, Integer.MAX_VALUE, null, List.of(), "uuid", null, null, null);
    }

    public static BodyField bool(String name) {
        return new BodyField(name, Kind.BOOLEAN, false, false, 0, Integer.MAX_VALUE, null, List.of(), null, null, null, null);
    }

    public BodyField required() {
        return new BodyField(name, kind, true, nullable, minLength, maxLength, pattern, choices, format, description, example, message);
    }

    /** The same field where null is refused ("Field may not be null."), e.g. in a body that only copies it onto the record. */
    public BodyField notNullable() {
        return new BodyField(name, kind, required, false, minLength, maxLength, pattern, choices, format, description, example, message);
    }

    /** May be sent as null (on PATCH: clears the field). */
    public BodyField nullable() {
        return new BodyField(name, kind, required, true, minLength, maxLength, pattern, choices, format, description, example, message);
    }

    public BodyField length(int min, int max) {
        return new BodyField(name, kind, required, nullable, min, max, pattern, choices, format, description, example, message);
    }

    public BodyField pattern(Pattern regex) {
        return new BodyField(name, kind, required, nullable, minLength, maxLength, regex, choices, format, description, example, message);
    }

    public BodyField oneOf(List<String> values) {
        return new BodyField(name, kind, required, nullable, minLength, maxLength, pattern, List.copyOf(values), format, description, example, message);
    }

    public BodyField format(String openApiFormat) {
        return new BodyField(name, kind, required, nullable, minLength, maxLength, pattern, choices, openApiFormat, description, example, message);
    }

    public BodyField describe(String words) {
        return new BodyField(name, kind, required, nullable, minLength, maxLength, pattern, choices, format, words, example, message);
    }

    public BodyField example(String value) {
        return new BodyField(name, kind, required, nullable, minLength, maxLength, pattern, choices, format, description, value, message);
    }

    /** One message for every one of the field's own rules (length, pattern, choices) instead of each rule's wording. */
    public BodyField message(String text) {
        return new BodyField(name, kind, required, nullable, minLength, maxLength, pattern, choices, format, description, example, text);
    }

    /** Reads a string field: length, then pattern, then choices, then the {@code more} rules. */
    @SafeVarargs
    public final Input<String> readString(JsonBody body, Rule<String>... more) {
        List<Rule<String>> rules = ownRules();
        rules.addAll(List.of(more));
        @SuppressWarnings("unchecked")
        Rule<String>[] all = rules.toArray(Rule[]::new);
        return nullable ? body.nullableString(name, all) : body.string(name, required, all);
    }

    private List<Rule<String>> ownRules() {
        List<Rule<String>> rules = new ArrayList<>();
        if (minLength > 0 || maxLength < Integer.MAX_VALUE) {
            rules.add(Rule.length(minLength, maxLength));
        }
        if (pattern != null) {
            rules.add(Rule.pattern(pattern));
        }
        if (!choices.isEmpty()) {
            rules.add(Rule.oneOf(choices));
        }
        if (message == null || rules.isEmpty()) {
            return rules;
        }
        List<Rule<String>> each = List.copyOf(rules);
        Rule<String> all = value -> each.stream().allMatch(rule -> rule.check(value) == null) ? null : message;
        return new ArrayList<>(List.of(all));
    }

    @SafeVarargs
    public final Input<LocalDate> readDate(JsonBody body, Rule<LocalDate>... rules) {
        return body.date(name, required, rules);
    }

    public Input<java.util.UUID> readUuid(JsonBody body) {
        return body.uuid(name, required);
    }

    public Input<Boolean> readBool(JsonBody body) {
        return body.bool(name, required);
    }

    /** The field's OpenAPI schema. */
    public Schema<?> schema() {
        Schema<Object> schema = new Schema<>().type(kind == Kind.BOOLEAN ? "boolean" : "string");
        if (format != null) {
            schema.format(format);
        }
        if (minLength > 0) {
            schema.minLength(minLength);
        }
        if (maxLength < Integer.MAX_VALUE) {
            schema.maxLength(maxLength);
        }
        if (pattern != null) {
            schema.pattern(pattern.pattern());
        }
        if (!choices.isEmpty()) {
            schema.setEnum(new ArrayList<>(choices));
        }
        if (nullable) {
            schema.nullable(true);
        }
        return schema.description(description).example(example);
    }

    /** An object schema of these fields; {@code withRequired} false for bodies where every field is optional. */
    public static Schema<?> object(String description, List<BodyField> fields, boolean withRequired) {
        Map<String, Schema> properties = new LinkedHashMap<>();
        List<String> requiredNames = new ArrayList<>();
        for (BodyField field : fields) {
            properties.put(field.name, field.schema());
            if (field.required && withRequired) {
                requiredNames.add(field.name);
            }
        }
        Schema<Object> schema = new Schema<>().type("object").description(description).properties(properties);
        return requiredNames.isEmpty() ? schema : schema.required(requiredNames);
    }
}
