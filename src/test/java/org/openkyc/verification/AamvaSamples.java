package org.openkyc.verification;

import java.util.ArrayList;
import java.util.List;

/** Synthetic AAMVA DL/ID barcode texts, built the way the standard lays them out: no real card's data. */
final class AamvaSamples {

    private AamvaSamples() {
    }

    /** A card of the given version with these elements in one DL subfile, offsets and lengths right. */
    static String card(int version, String iin, List<String> elements) {
        String subfile = "DL" + String.join("\n", elements) + "\r";
        String fileType = "ANSI ";
        String headerStart = "@\n\u001e\r" + fileType + iin + "%02d".formatted(version) + (version >= 2 ? "00" : "") + "01";
        int offset = headerStart.length() + 10;
        return headerStart + "DL" + "%04d".formatted(offset) + "%04d".formatted(subfile.length()) + subfile;
    }

    /** A version 08 (2013+) Texas-style licence for Jane Q Doe, born 12 April 1990, expiring 12 April 2030. */
    static String jane() {
        return card(8, "636015", janeElements("04121990", "04122030", "USA"));
    }

    static List<String> janeElements(String dob, String expires, String country) {
        List<String> e = new ArrayList<>();
        e.add("DAQ12345678");
        e.add("DCSDOE");
        e.add("DACJANE");
        e.add("DADQUINN");
        e.add("DBD04122022");
        e.add("DBB" + dob);
        e.add("DBA" + expires);
        e.add("DBC2");
        e.add("DAG100 CONGRESS AVE");
        e.add("DAIAUSTIN");
        e.add("DAJTX");
        e.add("DAK787010000  ");
        e.add("DCG" + country);
        return e;
    }
}
