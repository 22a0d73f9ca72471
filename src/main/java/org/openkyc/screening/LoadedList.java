package org.openkyc.screening;

import java.time.Instant;
import java.util.List;

/** A list as this instance serves it: its version, its entries, and since when it is in service here. */
record LoadedList(ListVersion version, List<WatchlistEntry> entries, Instant since) {

    String list() {
        return version.list();
    }
}
