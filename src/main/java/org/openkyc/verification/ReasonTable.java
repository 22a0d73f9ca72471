package org.openkyc.verification;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The reason catalogue as a Markdown table, for the README and the OpenAPI description: both are
 * made from {@code verification/reasons.tsv}, so neither can drift from what Decision decides by.
 */
final class ReasonTable {

    private ReasonTable() {
    }

    static String markdown() {
        StringBuilder table = new StringBuilder("""
                | code | check | effect | field to re-enter | documents that clear it | message |
                |---|---|---|---|---|---|
                """);
        for (ReasonCatalogue.Entry e : ReasonCatalogue.entries()) {
            table.append("| `").append(e.code()).append("` | ").append(e.check()).append(" | ")
                    .append(e.effect().name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(e.field() == null ? "" : "`" + e.field() + "`").append(" | ")
                    .append(e.documents().stream().map(d -> "`" + d + "`").collect(Collectors.joining(", "))).append(" | ")
                    .append(e.sentence().replace("|", "\\|")).append(" |\n");
        }
        return table.toString();
    }
}
