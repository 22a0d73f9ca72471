package org.openkyc.screening;

import java.nio.file.Path;

/**
 * The files of one OFAC list: the primary file (sdn.csv / cons_prim.csv) and, when present, its
 * aliases (alt), addresses (add) and remarks continuations (sdn_comments). {@code null} for a file
 * the list does not have (a bare SDN snapshot has only its primary file).
 */
record OfacList(String list, ListSource primary, ListSource aliases, ListSource addresses, ListSource comments) {

    /** The lists shipped in the jar under {@code watchlists/ofac/}. */
    static final String DEFAULT_RESOURCES = "watchlists/ofac/";

    public static OfacList sdn(Path dir) {
        return new OfacList("SDN", file(dir, "sdn.csv"), file(dir, "alt.csv"), file(dir, "add.csv"), file(dir, "sdn_comments.csv"));
    }

    public static OfacList consolidated(Path dir) {
        return new OfacList("CONS", file(dir, "cons_prim.csv"), file(dir, "cons_alt.csv"), file(dir, "cons_add.csv"), null);
    }

    public static OfacList defaultSdn() {
        return new OfacList("SDN", resource("sdn.csv"), resource("alt.csv"), resource("add.csv"), resource("sdn_comments.csv"));
    }

    public static OfacList defaultConsolidated() {
        return new OfacList("CONS", resource("cons_prim.csv"), resource("cons_alt.csv"), resource("cons_add.csv"), null);
    }

    /** One primary file alone, e.g. a raw SDN release whose aliases are only in its remarks. */
    public static OfacList primaryOnly(String list, ListSource primary) {
        return new OfacList(list, primary, null, null, null);
    }

    private static ListSource file(Path dir, String name) {
        return ListSource.file(dir.resolve(name));
    }

    private static ListSource resource(String name) {
        return ListSource.classpath(DEFAULT_RESOURCES + name);
    }
}
