package org.openkyc.screening;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What changed between the lists monitoring last screened against and the lists now in service,
 * entry by entry: an entry is compared by its id and a fingerprint of what matching reads (list,
 * type, primary name, aliases, DOBs). A change of programs or addresses alone cannot change who
 * matches, so it is not screened again.
 */
final class ListDelta {

    /** The digest of no lists at all: nothing was ever monitored. */
    static final String NOTHING = "none";

    private ListDelta() {
    }

    /** Entry id ({@link WatchlistEntry#uid()}) to fingerprint, for every entry of the lists. */
    static Map<String, String> fingerprints(Watchlists lists) {
        Map<String, String> out = new LinkedHashMap<>();
        for (WatchlistEntry e : lists.entries()) {
            out.put(e.uid(), fingerprint(e));
        }
        return out;
    }

    static String fingerprint(WatchlistEntry e) {
        StringBuilder text = new StringBuilder().append(e.list()).append('\u001f').append(e.type()).append('\u001f').append(e.name());
        for (Alias a : e.aliases()) {
            text.append('\u001e').append(a.type()).append(':').append(a.name());
        }
        for (DateOfBirth d : e.datesOfBirth()) {
            text.append('\u001d').append(d.from()).append('/').append(d.to()).append(d.circa() ? "~" : "");
        }
        return hex(text.toString(), 16);
    }

    /** One digest for a whole set of fingerprints, the same on every instance for the same lists. */
    static String digest(Map<String, String> fingerprints) {
        if (fingerprints.isEmpty()) {
            return NOTHING;
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(fingerprints).forEach((id, fp) -> text.append(id).append('=').append(fp).append('\n'));
        return hex(text.toString(), 16);
    }

    /** The entries of {@code current} that {@code monitored} does not hold, or holds with other content. */
    static List<WatchlistEntry> addedOrChanged(Map<String, String> monitored, Watchlists current) {
        List<WatchlistEntry> changed = new ArrayList<>();
        for (WatchlistEntry e : current.entries()) {
            if (!fingerprint(e).equals(monitored.get(e.uid()))) {
                changed.add(e);
            }
        }
        return changed;
    }

    private static String hex(String text, int bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
