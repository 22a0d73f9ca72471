package org.openkyc.screening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The lists the tests screen against, loaded once per test JVM. */
final class TestLists {

    static final String SNAPSHOT_2024 = "ofac/sdn-2024-05-03.csv";
    static final String SNAPSHOT_2021 = "ofac/sdn-2021-08-18.csv";

    private TestLists() {
    }

    /** The lists shipped in the jar (SDN 7,379 entries with alt/add/comments, consolidated 442). */
    static ScreeningIndex shipped() {
        return Shipped.INDEX;
    }

    /** The full 2024 SDN release (aliases only in its remarks) and the shipped consolidated list. */
    static Watchlists snapshot2024WithConsolidated() {
        try {
            return Watchlists.load(List.of(OfacList.primaryOnly("SDN", ListSource.classpath(SNAPSHOT_2024)),
                    OfacList.defaultConsolidated()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Shipped {
        static final ScreeningIndex INDEX = ScreeningIndex.build(Watchlists.loadDefault());
    }
}
