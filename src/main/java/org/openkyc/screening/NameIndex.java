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

    private static final DoubleMetaphone PHONETIC = phonetic();

    final String[] units;
    final int[][] postings;
    private final Map<String, Integer> ids;
    private final Map<String, int[]> deletions;
    private final Map<String, int[]> sounds;

    private NameIndex(String[] units, int[][] postings, Map<String, Integer> ids, Map<String, int[]> deletions,
            Map<String, int[]> sounds) {
        this.units = units;
        this.postings = postings;
        this.ids = ids;
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

    /** Builds the index of the names' token lists (canonical tokens, at most {@link #MAX_TOKENS} each). */
    static NameIndex build(List<List<String>> names) {
        Map<String, Integer> ids = new HashMap<>();
        List<String> units = new ArrayList<>();
        List<IntList> postings = new ArrayList<>();
        for (int name = 0; name < names.size(); name++) {
            List<String> tokens = names.get(name);
            for (int p = 0; p < tokens.size(); p++) {
                add(ids, units, postings, tokens.get(p), name * 64 + p);
                if (p + 1 < tokens.size()) {
                    add(ids, units, postings, tokens.get(p) + tokens.get(p + 1), name * 64 + PAIR_FLAG + p);
                }
            }
        }
        Map<String, IntList> deletions = new HashMap<>();
        Map<String, IntList> sounds = new HashMap<>();
        boolean[] single = new boolean[units.size()];
        for (List<String> tokens : names) {
            for (String token : tokens) {
                single[ids.get(token)] = true;
            }
        }
        for (int id = 0; id < units.size(); id++) {
            String unit = units.get(id);
            if (single[id] && unit.length() >= 4) {
                for (int i = 0; i < unit.length(); i++) {
                    deletions.computeIfAbsent(deleteAt(unit, i), k -> new IntList()).add(id);
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
        return new NameIndex(units.toArray(String[]::new), postingArrays, Map.copyOf(ids), frozen(deletions), frozen(sounds));
    }

    private static void add(Map<String, Integer> ids, List<String> units, List<IntList> postings, String unit, int posting) {
        Integer id = ids.get(unit);
        if (id == null) {
            id = units.size();
            ids.put(unit, id);
            units.add(unit);
            postings.add(new IntList());
        }
        postings.get(id).add(posting);
    }

    private static Map<String, int[]> frozen(Map<String, IntList> lists) {
        Map<String, int[]> arrays = new HashMap<>(lists.size() * 2);
        lists.forEach((key, list) -> arrays.put(key, list.toArray()));
        return arrays;
    }

    static String deleteAt(String s, int i) {
        return s.substring(0, i) + s.substring(i + 1);
    }

    /**
     * Adds to {@code out} the units similar to {@code query} (Jaro-Winkler ≥ {@link Assignment#PAIR_MIN}),
     * each once: {@code seen[id] == stamp} marks those already considered for this query unit.
     */
    void similarUnits(String query, int[] seen, int stamp, UnitHits out) {
        Integer exact = ids.get(query);
        if (exact != null) {
            seen[exact] = stamp;
            out.add(exact, 1.0);
        }
        if (query.length() >= 4) {
            consider(query, deletions.get(query), seen, stamp, out);
            for (int i = 0; i < query.length(); i++) {
                String deleted = deleteAt(query, i);
                consider(query, deletions.get(deleted), seen, stamp, out);
                Integer shorter = ids.get(deleted);
                if (shorter != null) {
                    consider(query, new int[] {shorter}, seen, stamp, out);
                }
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
