package org.openkyc.screening;

import java.util.HashMap;
import java.util.Map;

/**
 * The one-letter-deletion keys of the listed tokens, by a 64-bit hash of the key rather than the
 * key itself: a query looks up a dozen keys, and building each as a String costs more than the
 * rest of the lookup. Two keys sharing a hash only bring a unit more to compare, which the
 * similarity check then keeps or drops: a collision cannot lose a match.
 */
final class DeletionTable {

    private final long[] keys;
    private final int[][] values;
    private final int mask;

    private DeletionTable(long[] keys, int[][] values) {
        this.keys = keys;
        this.values = values;
        this.mask = keys.length - 1;
    }

    /** The hash of {@code s} with the letter at {@code skip} left out ({@code -1}: none). */
    static long key(String s, int skip) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < s.length(); i++) {
            if (i != skip) {
                h = (h ^ s.charAt(i)) * 0x100000001B3L;
            }
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        return h ^ (h >>> 33);
    }

    static final class Builder {
        private final Map<Long, NameIndex.IntList> lists = new HashMap<>();

        void add(long key, int unit) {
            lists.computeIfAbsent(key, k -> new NameIndex.IntList()).add(unit);
        }

        DeletionTable build() {
            int capacity = Integer.highestOneBit(Math.max(16, lists.size() * 2)) * 2;
            long[] keys = new long[capacity];
            int[][] values = new int[capacity][];
            lists.forEach((key, list) -> {
                int slot = (int) key.longValue() & (capacity - 1);
                while (values[slot] != null) {
                    slot = (slot + 1) & (capacity - 1);
                }
                keys[slot] = key;
                values[slot] = list.toArray();
            });
            return new DeletionTable(keys, values);
        }
    }

    int[] get(long key) {
        int slot = (int) key & mask;
        while (values[slot] != null) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }
}
