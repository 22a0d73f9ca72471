package org.openkyc.screening;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The list files shipped in the jar, for tests that serve them as configured sources. */
final class ListFiles {

    static final List<String> ALL = List.of("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv", "cons_prim.csv", "cons_alt.csv", "cons_add.csv");
    /** An SDN entry of our own, appended to sdn.csv to make a new release that screening can tell apart. */
    static final String EXTRA_SDN_ENTRY = "\n99999,\"ZZYZXOVSKI, Quentin\",\"individual\",\"SDGT\",-0-,-0-,-0-,-0-,-0-,-0-,-0-,\"DOB 02 Mar 1961.\"";

    private ListFiles() {
    }

    static byte[] shipped(String file) {
        try (InputStream in = ListFiles.class.getClassLoader().getResourceAsStream("watchlists/ofac/" + file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes every shipped file into {@code dir}, over what is there. */
    static Path copyShipped(Path dir) {
        try {
            for (String file : ALL) {
                Files.write(dir.resolve(file), shipped(file));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path newDirectory() {
        try {
            return Files.createTempDirectory("openkyc-lists-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
