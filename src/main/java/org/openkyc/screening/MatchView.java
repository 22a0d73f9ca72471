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
        return entry(e.list(), e.id(), e.name(), type(e), e.programs(), datesOfBirth(e), e.nationalities());
    }

    /** The same from an entry's parts (a KYC check's evidence holds them, not the entry). */
    static Map<String, Object> entry(String list, String entNum, String primaryName, String type, List<String> programs,
            List<String> datesOfBirth, List<String> nationalities) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entry_id", list + "-" + entNum);
        out.put("list", list);
        out.put("ent_num", entNum);
        out.put("primary_name", primaryName);
        out.put("type", type);
        out.put("programs", programs);
        out.put("dates_of_birth", datesOfBirth);
        out.put("nationalities", nationalities);
        return out;
    }

    static String type(WatchlistEntry e) {
        return e.type().name().toLowerCase(Locale.ROOT);
    }

    static List<String> datesOfBirth(WatchlistEntry e) {
        return e.datesOfBirth().stream().map(DateOfBirth::text).toList();
    }
}
