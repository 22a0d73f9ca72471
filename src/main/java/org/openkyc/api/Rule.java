package org.openkyc.api;

import java.util.Collection;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A check on a value that has the right type; returns the error message, or null when fine. */
@FunctionalInterface
public interface Rule<T> {

    String check(T value);

    /** marshmallow's {@code Length} wording. */
    static Rule<String> length(int min, int max) {
        return value -> {
            int length = value.codePointCount(0, value.length());
            if (length >= min && length <= max) {
                return null;
            }
            if (min > 0 && max < Integer.MAX_VALUE) {
                return min == max ? "Length must be " + min + "." : "Length must be between " + min + " and " + max + ".";
            }
            return length < min ? "Shorter than minimum length " + min + "." : "Longer than maximum length " + max + ".";
        };
    }

    static Rule<String> maxLength(int max) {
        return length(0, max);
    }

    /** marshmallow's {@code Regexp} wording; the whole value must match. */
    static Rule<String> pattern(Pattern pattern) {
        return value -> pattern.matcher(value).matches() ? null : "String does not match expected pattern.";
    }

    /** marshmallow's {@code OneOf} wording. */
    static Rule<String> oneOf(Collection<String> choices) {
        String message = "Must be one of: " + String.join(", ", choices) + ".";
        return value -> choices.contains(value) ? null : message;
    }

    static <T> Rule<T> that(Predicate<T> test, String message) {
        return value -> test.test(value) ? null : message;
    }
}
