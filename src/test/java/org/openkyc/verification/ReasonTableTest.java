package org.openkyc.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's reason table is generated from {@code verification/reasons.tsv} and must say what
 * the tsv says. {@code -Dopenkyc.reasons.write=true} writes the table between the markers (the
 * generator); every other run compares and fails on any difference. Each run leaves the table,
 * with its markers, in {@code target/reason-table.md} to paste.
 */
class ReasonTableTest {

    static final String BEGIN = "<!-- reason catalogue: generated from src/main/resources/verification/reasons.tsv by ReasonTableTest -->\n";
    static final String END = "<!-- end of reason catalogue -->";
    private static final Path README = Path.of("README.md");

    @Test
    void theReadmeTableIsTheCatalogue() throws IOException {
        String readme = Files.readString(README);
        String table = ReasonTable.markdown();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/reason-table.md"), BEGIN + table + END + "\n");
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (Boolean.getBoolean("openkyc.reasons.write") && begin >= 0 && end > begin) {
            readme = readme.substring(0, begin + BEGIN.length()) + table + readme.substring(end);
            Files.writeString(README, readme);
            end = readme.indexOf(END);
        }
        // Until the table is pasted into the README (target/reason-table.md has it, markers included) there is nothing to compare.
        Assumptions.assumeTrue(begin >= 0, "README.md has no reason table yet: paste target/reason-table.md");
        assertThat(end).as("the end marker after the table").isGreaterThan(begin);
        assertThat(readme.substring(begin + BEGIN.length(), end)).as("README's reason table against reasons.tsv").isEqualTo(table);
    }

    @Test
    void everyCodeIsARowWithItsSentence() {
        String table = ReasonTable.markdown();
        for (ReasonCatalogue.Entry entry : ReasonCatalogue.entries()) {
            assertThat(table).contains("| `" + entry.code() + "` | " + entry.check() + " | ").contains(entry.sentence());
        }
        assertThat(table.lines().count()).isEqualTo(ReasonCatalogue.entries().size() + 2);
    }
}
