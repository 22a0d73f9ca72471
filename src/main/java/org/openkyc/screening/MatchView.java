package org.openkyc.screening;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A match as the API and the monitoring events show it: list data and the score, in wire names. */
final class MatchView {

    private MatchView() {
    }

    static Map<String, Object> result(Match m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("score", m.score());
        r.put("matched_name", m.matchedName());
        r.put("matched_as", m.matchedAs());
        r.put("list", m.list());
        r.put("entry", entry(m.entry()));
        r.put("reason", m.reason());
        return r;
    }

    static Map<String, Object> entry(WatchlistEntry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entry_id", e.uid());
        out.put("list", e.list());
        out.put("ent_num", e.id());
        out.put("primary_name", e.name());
        out.put("type", type(e));
        out.put("programs", e.programs());
        out.put("dates_of_birth", datesOfBirth(e));
        out.put("nationalities", e.nationalities());
        return out;
    }

    static String type(WatchlistEntry e) {
        return e.type().name().toLowerCase(Locale.ROOT);
    }

    static List<String> datesOfBirth(WatchlistEntry e) {
        return e.datesOfBirth().stream().map(DateOfBirth::text).toList();
    }
}
