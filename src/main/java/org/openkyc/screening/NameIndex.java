package org.openkyc.screening;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * The blocking index: every unit (token, or two adjacent tokens joined) of every listed name, with
 * the names it occurs in, reachable from a query unit by three keys: the unit itself, its one-letter
 * deletions (which meet for any one typo: a letter changed, added, dropped, or two swapped), and
 * its Double Metaphone code. Only the units so reached, and similar enough, are compared with a
 * query; only the names holding them are scored.
 */
final class NameIndex {

    /** Posting: name id × 64 + 32 when the unit is two joined tokens + position of its first token. */
    static final int PAIR_FLAG = 32;
    static final int MAX_TOKENS = 31;
    static final int MAX_LENGTH_GAP = 3;

    private static final DoubleMetaphone PHONETIC = phonetic();

    final String[] units;
    final int[][] postings;
    private final Map<String, Integer> ids;
    /** Units by canonical spelling: MOHAMED finds MUHAMMAD, MOHAMMAD... as written in the lists. */
    private final Map<String, int[]> spellings;
    private final DeletionTable deletions;
    private final Map<String, int[]> sounds;

    private NameIndex(String[] units, int[][] postings, Map<String, Integer> ids, Map<String, int[]> spellings,
            DeletionTable deletions, Map<String, int[]> sounds) {
        this.units = units;
        this.postings = postings;
        this.ids = ids;
        this.spellings = spellings;
        this.deletions = deletions;
        this.sounds = sounds;
    }

    private static DoubleMetaphone phonetic() {
        DoubleMetaphone metaphone = new DoubleMetaphone();
        metaphone.setMaxCodeLen(6);
        return metaphone;
    }

    static String sound(String unit) {
        return PHONETIC.doubleMetaphone(unit);
    }

    /** Builds the index of the names (at most {@link #MAX_TOKENS} tokens each). */
    static NameIndex build(List<NameNormalizer.Name> names) {
        Map<String, Integer> ids = new HashMap<>();
        List<String> units = new ArrayList<>();
        List<String> canonical = new ArrayList<>();
        List<IntList> postings = new ArrayList<>();
        for (int name = 0; name < names.size(); name++) {
            QueryUnits u = QueryUnits.of(names.get(name), MAX_TOKENS);
            for (int k = 0; k < u.size(); k++) {
                boolean joined = k >= u.tokens();
                int position = joined ? k - u.tokens() : k;
                add(ids, units, canonical, postings, u.unit(k), u.canonical(k), name * 64 + (joined ? PAIR_FLAG : 0) + position);
            }
        }
        Map<String, IntList> bySpelling = new HashMap<>();
        DeletionTable.Builder deletions = new DeletionTable.Builder();
        Map<String, IntList> sounds = new HashMap<>();
        boolean[] single = new boolean[units.size()];
        for (NameNormalizer.Name name : names) {
            for (String token : name.originals()) {
                Integer id = ids.get(token);
                if (id != null) {
                    single[id] = true;
                }
            }
        }
        for (int id = 0; id < units.size(); id++) {
            String unit = units.get(id);
            bySpelling.computeIfAbsent(canonical.get(id), k -> new IntList()).add(id);
            if (single[id]) {
                // Under its own spelling too: a query one letter longer finds it by one of its deletions.
                deletions.add(DeletionTable.key(unit, -1), id);
            }
            if (single[id] && unit.length() >= 4) {
                for (int i = 0; i < unit.length(); i++) {
                    deletions.add(DeletionTable.key(unit, i), id);
                }
            }
            String sound = sound(unit);
            if (!sound.isEmpty()) {
                sounds.computeIfAbsent(sound, k -> new IntList()).add(id);
            }
        }
        int[][] postingArrays = new int[units.size()][];
        for (int id = 0; id < postingArrays.length; id++) {
            postingArrays[id] = postings.get(id).toArray();
        }
        return new NameIndex(units.toArray(String[]::new), postingArrays, Map.copyOf(ids), frozen(bySpelling),
                deletions.build(), frozen(sounds));
    }

    private static void add(Map<String, Integer> ids, List<String> units, List<String> canonical, List<IntList> postings,
            String unit, String canonicalUnit, int posting) {
        Integer id = ids.get(unit);
        if (id == null) {
            id = units.size();
            ids.put(unit, id);
            units.add(unit);
            canonical.add(canonicalUnit);
            postings.add(new IntList());
        }
        postings.get(id).add(posting);
    }

    private static Map<String, int[]> frozen(Map<String, IntList> lists) {
        Map<String, int[]> arrays = new HashMap<>(lists.size() * 2);
        lists.forEach((key, list) -> arrays.put(key, list.toArray()));
        return arrays;
    }

    /**
     * Adds to {@code out} the units similar to {@code query} (Jaro-Winkler ≥ {@link Assignment#PAIR_MIN}),
     * each once: {@code seen[id] == stamp} marks those already considered for this query unit.
     */
    void similarUnits(String query, String canonical, boolean joined, int[] seen, int stamp, UnitHits out) {
        int[] sameSpelling = spellings.get(canonical);
        if (sameSpelling != null) {
            for (int id : sameSpelling) {
                seen[id] = stamp;
                out.add(id, 1.0);
            }
        }
        Integer exact = ids.get(query);
        if (exact != null && seen[exact] != stamp) {
            seen[exact] = stamp;
            out.add(exact, 1.0);
        }
        if (query.length() >= 3) {
            consider(query, deletions.get(DeletionTable.key(query, -1)), seen, stamp, out);
        }
        // Joined query tokens are looked up as they are and by sound, not for typos as well.
        if (query.length() >= 4 && !joined) {
            for (int i = 0; i < query.length(); i++) {
                consider(query, deletions.get(DeletionTable.key(query, i)), seen, stamp, out);
            }
        }
        consider(query, sounds.get(sound(query)), seen, stamp, out);
    }

    private void consider(String query, int[] candidates, int[] seen, int stamp, UnitHits out) {
        if (candidates == null) {
            return;
        }
        for (int id : candidates) {
            if (seen[id] != stamp) {
                seen[id] = stamp;
                // Spellings of one name by sound differ by a few letters at most; longer gaps are other names.
                if (Math.abs(units[id].length() - query.length()) > MAX_LENGTH_GAP) {
                    continue;
                }
                double sim = JaroWinkler.similarity(query, units[id]);
                if (sim >= Assignment.PAIR_MIN) {
                    out.add(id, sim);
                }
            }
        }
    }

    int unitCount() {
        return units.length;
    }

    /** The units found similar to one query unit. */
    static final class UnitHits {
        int[] ids = new int[64];
        double[] sims = new double[64];
        int size;

        void clear() {
            size = 0;
        }

        void add(int id, double sim) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                sims = Arrays.copyOf(sims, size * 2);
            }
            ids[size] = id;
            sims[size++] = sim;
        }
    }

    /** A growable int array (postings while building). */
    static final class IntList {
        private int[] values = new int[4];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
