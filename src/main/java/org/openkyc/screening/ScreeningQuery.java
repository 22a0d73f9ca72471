package org.openkyc.screening;

import java.time.LocalDate;

/**
 * A name to screen. {@code dob} and {@code type} are optional ({@code null}); a query whose type is
 * {@link EntryType#INDIVIDUAL} never matches a vessel, entity or aircraft, and the reverse.
 * {@code minScore} is the potential-match threshold.
 */
public record ScreeningQuery(String name, LocalDate dob, EntryType type, int limit, double minScore) {

    /**
     * The default potential-match threshold. Chosen on the labelled set of bench/p4 (see
     * docs/DECISIONS.md, Screening): at 0.90 one typo, a transliteration variant, reordering, a
     * missing middle name or joined tokens still match, while two common names that are two of
     * the four words of a listed name, or one name shared with an alias of one word, do not.
     */
    public static final double DEFAULT_MIN_SCORE = 0.90;
    public static final int DEFAULT_LIMIT = 10;

    public ScreeningQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("min_score must be within [0, 1]");
        }
    }

    public static ScreeningQuery of(String name) {
        return new ScreeningQuery(name, null, null, DEFAULT_LIMIT, DEFAULT_MIN_SCORE);
    }

    public static ScreeningQuery person(String name, LocalDate dob) {
        return new ScreeningQuery(name, dob, EntryType.INDIVIDUAL, DEFAULT_LIMIT, DEFAULT_MIN_SCORE);
    }

    public ScreeningQuery withMinScore(double threshold) {
        return new ScreeningQuery(name, dob, type, limit, threshold);
    }

    public ScreeningQuery withLimit(int max) {
        return new ScreeningQuery(name, dob, type, max, minScore);
    }

    /** Legal-form words are dropped unless the query is about a person. */
    boolean entityWords() {
        return type != EntryType.INDIVIDUAL;
    }
}
