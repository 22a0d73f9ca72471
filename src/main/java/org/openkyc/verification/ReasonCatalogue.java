package org.openkyc.verification;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every reason code a verification can give, as data (resource {@code verification/reasons.tsv}):
 * the check that raises it, its effect on the attempt, the field to re-enter and the documents that
 * clear it, and a sentence for the brand. {@link Decision} decides by it, so a code's effect is
 * written down once, never left to a fall-through.
 */
final class ReasonCatalogue {

    static final String RESOURCE = "verification/reasons.tsv";
    /** The check column of a reason any check may give (a check that could not run). */
    static final String ANY_CHECK = "(any check)";

    /** What a reason does to the attempt (SPEC §8.2), in the order the decision applies them. */
    enum Effect { FAIL, RETRY, REENTER, REVIEW, NOTE, STATE }

    /** One code's entry. */
    record Entry(String code, String check, Effect effect, String field, List<String> documents, String sentence) {
    }

    private static final Map<String, Entry> ENTRIES = load();

    private ReasonCatalogue() {
    }

    static Optional<Entry> find(String code) {
        return Optional.ofNullable(ENTRIES.get(code));
    }

    static Collection<Entry> entries() {
        return ENTRIES.values();
    }

    private static Map<String, Entry> load() {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> lines = DataLines.ofResource(RESOURCE);
        for (String line : lines.subList(1, lines.size())) { // the first is the header
            Entry entry = entry(line.split("\t", -1));
            if (entries.put(entry.code(), entry) != null) {
                throw new IllegalStateException(RESOURCE + " lists " + entry.code() + " twice");
            }
        }
        return java.util.Collections.unmodifiableMap(entries); // the file's order: the README and OpenAPI tables follow it
    }

    private static Entry entry(String[] c) {
        if (c.length != 6) {
            throw new IllegalStateException(RESOURCE + ": a row needs 6 columns: " + String.join("|", c));
        }
        Effect effect = Effect.valueOf(c[2].toUpperCase(java.util.Locale.ROOT));
        if ((effect == Effect.REENTER) != !c[3].isEmpty()) {
            throw new IllegalStateException(RESOURCE + ": " + c[0] + " names a field to re-enter exactly when its effect is reenter");
        }
        List<String> documents = c[4].isEmpty() ? List.of() : Arrays.stream(c[4].split(",")).map(String::strip).toList();
        return new Entry(c[0], c[1], effect, c[3].isEmpty() ? null : c[3], documents, c[5]);
    }
}
