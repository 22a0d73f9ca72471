package org.openkyc.screening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What this instance serves: each list's loaded version, and the index over all of them. Immutable. */
record InService(ScreeningIndex index, Map<String, LoadedList> lists) {

    private static final List<String> ORDER = List.of(ListPart.SDN, ListPart.CONS);

    static InService of(Map<String, LoadedList> lists) {
        Map<String, LoadedList> ordered = new LinkedHashMap<>();
        ORDER.stream().filter(lists::containsKey).forEach(l -> ordered.put(l, lists.get(l)));
        List<WatchlistEntry> entries = new ArrayList<>();
        ordered.values().forEach(l -> entries.addAll(l.entries()));
        return new InService(ScreeningIndex.build(Watchlists.of(entries)), java.util.Collections.unmodifiableMap(ordered));
    }

    /** The id of each list's version in service. */
    Map<String, UUID> versions() {
        Map<String, UUID> versions = new LinkedHashMap<>();
        lists.forEach((list, loaded) -> versions.put(list, loaded.version().id()));
        return java.util.Collections.unmodifiableMap(versions);
    }
}
