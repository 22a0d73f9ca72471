package org.openkyc.api;

import java.util.function.Function;

/**
 * One field read from a request body: absent, explicitly null, a valid value, or invalid (its
 * error is already recorded). PATCH needs to tell absent from null, so this is not an Optional.
 */
public final class Input<T> {

    private enum State { ABSENT, NULL, PRESENT, INVALID }

    private static final Input<?> ABSENT = new Input<>(State.ABSENT, null);
    private static final Input<?> NULL = new Input<>(State.NULL, null);
    private static final Input<?> INVALID = new Input<>(State.INVALID, null);

    private final State state;
    private final T value;

    private Input(State state, T value) {
        this.state = state;
        this.value = value;
    }

    @SuppressWarnings("unchecked")
    public static <T> Input<T> absent() {
        return (Input<T>) ABSENT;
    }

    @SuppressWarnings("unchecked")
    public static <T> Input<T> ofNull() {
        return (Input<T>) NULL;
    }

    @SuppressWarnings("unchecked")
    public static <T> Input<T> invalid() {
        return (Input<T>) INVALID;
    }

    public static <T> Input<T> of(T value) {
        return new Input<>(State.PRESENT, value);
    }

    /** The client sent this field (a value or null). */
    public boolean given() {
        return state == State.PRESENT || state == State.NULL;
    }

    public boolean present() {
        return state == State.PRESENT;
    }

    public T value() {
        return value;
    }

    public T orElse(T other) {
        return state == State.PRESENT ? value : other;
    }

    public <R> Input<R> map(Function<T, R> mapper) {
        return state == State.PRESENT ? of(mapper.apply(value)) : new Input<>(state, null);
    }
}
