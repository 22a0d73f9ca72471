package org.openkyc.verification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The data lines of the tables the checks ship (domain lists, ZIP prefixes, reasons): no blank lines, no {@code #} comments. */
final class DataLines {

    private DataLines() {
    }

    static List<String> ofResource(String name) {
        try (InputStream in = DataLines.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("a table the checks need is missing from the jar: " + name);
            }
            return of(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> of(InputStream in) throws IOException {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }
}
