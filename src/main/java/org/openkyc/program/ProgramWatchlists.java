package org.openkyc.program;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one definition of which lists a program can screen: the name a program's
 * {@code kyc_policy.watchlists} uses, and the list's own name as screening loads it and the
 * watchlist API shows it ("SDN", "CONS"). The KYC watchlist check, ongoing monitoring, the
 * program schema and {@code GET /watchlist/lists} all read it here (it lives with programs because
 * screening depends on programs, not the other way round).
 */
public final class ProgramWatchlists {

    private static final Map<String, String> LISTS = lists();

    /** The program names, in the order the default policy lists them. */
    public static final List<String> NAMES = List.copyOf(LISTS.keySet());

    private ProgramWatchlists() {
    }

    private static Map<String, String> lists() {
        Map<String, String> lists = new LinkedHashMap<>();
        lists.put("ofac_sdn", "SDN");
        lists.put("ofac_consolidated", "CONS");
        return java.util.Collections.unmodifiableMap(lists);
    }

    /** The lists' own names for a program's watchlists, in the program's order; names not known are left out. */
    public static List<String> lists(List<String> programWatchlists) {
        return programWatchlists.stream().map(LISTS::get).filter(l -> l != null).distinct().toList();
    }

    /** The program name of a list ("SDN" gives "ofac_sdn"); null for a list no program can name. */
    public static String programName(String list) {
        return LISTS.entrySet().stream().filter(e -> e.getValue().equals(list)).map(Map.Entry::getKey).findFirst().orElse(null);
    }
}
