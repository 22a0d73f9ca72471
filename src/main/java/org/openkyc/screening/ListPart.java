package org.openkyc.screening;

/**
 * The files of an OFAC list, with their names in OFAC's downloads: the primary file, its aliases,
 * addresses and (SDN only) the continuations of remarks cut at the primary file's field limit.
 */
enum ListPart {
    PRIMARY("sdn.csv", "cons_prim.csv"),
    ALIASES("alt.csv", "cons_alt.csv"),
    ADDRESSES("add.csv", "cons_add.csv"),
    COMMENTS("sdn_comments.csv", null);

    static final String SDN = "SDN";
    static final String CONS = "CONS";

    private final String sdnFile;
    private final String consFile;

    ListPart(String sdnFile, String consFile) {
        this.sdnFile = sdnFile;
        this.consFile = consFile;
    }

    /** OFAC's name of this file of the list, or null when the list has no such file. */
    String fileName(String list) {
        return SDN.equals(list) ? sdnFile : consFile;
    }
}
