package org.openkyc.screening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The entries of the lists in service, as loaded; immutable. */
final class Watchlists {

    private final List<WatchlistEntry> entries;
    private final Map<String, Integer> counts;

    private Watchlists(List<WatchlistEntry> entries, Map<String, Integer> counts) {
        this.entries = entries;
        this.counts = counts;
    }

    /** The OFAC SDN and consolidated lists shipped in the jar: screening with no configuration. */
    public static Watchlists loadDefault() {
        try {
            return load(List.of(OfacList.defaultSdn(), OfacList.defaultConsolidated()));
        } catch (IOException e) {
            throw new UncheckedIOException("the watchlists shipped in the jar do not load", e);
        }
    }

    public static Watchlists load(List<OfacList> lists) throws IOException {
        List<WatchlistEntry> all = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (OfacList list : lists) {
            List<WatchlistEntry> entries = OfacParser.parse(list);
            all.addAll(entries);
            counts.merge(list.list(), entries.size(), Integer::sum);
        }
        return new Watchlists(List.copyOf(all), Map.copyOf(counts));
    }

    public static Watchlists of(List<WatchlistEntry> entries) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        entries.forEach(e -> counts.merge(e.list(), 1, Integer::sum));
        return new Watchlists(List.copyOf(entries), Map.copyOf(counts));
    }

    public List<WatchlistEntry> entries() {
        return entries;
    }

    /** Entries per list ("SDN", "CONS"). */
    public Map<String, Integer> counts() {
        return counts;
    }

    /** Names to match: every entry's primary name and aliases. */
    public int nameCount() {
        return entries.stream().mapToInt(e -> 1 + e.aliases().size()).sum();
    }
}
