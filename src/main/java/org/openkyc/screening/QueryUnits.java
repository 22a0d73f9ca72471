package org.openkyc.screening;

import java.util.ArrayList;
import java.util.List;

/**
 * A name's units: its tokens as written (after folding), then each two adjacent tokens joined;
 * beside each, its canonical spelling ({@link NameVariants}) and the tokens it covers.
 */
record QueryUnits(List<String> units, List<String> canonical, int[] masks, int tokens) {

    static QueryUnits of(NameNormalizer.Name name, int maxTokens) {
        int n = Math.min(maxTokens, name.tokens().size());
        List<String> written = name.originals().subList(0, n);
        List<String> canon = name.tokens().subList(0, n);
        List<String> units = new ArrayList<>(written);
        List<String> canonical = new ArrayList<>(canon);
        int[] masks = new int[Math.max(0, n * 2 - 1)];
        for (int i = 0; i < n; i++) {
            masks[i] = 1 << i;
        }
        for (int i = 0; i + 1 < n; i++) {
            units.add(written.get(i) + written.get(i + 1));
            canonical.add(joinedCanonical(canon.get(i), canon.get(i + 1)));
            masks[n + i] = 3 << i;
        }
        return new QueryUnits(units, canonical, masks, n);
    }

    /** ABDEL + RAHMAN and ABDELRAHMAN meet at ABDULRAHMAN. */
    static String joinedCanonical(String first, String second) {
        return NameVariants.DEFAULT.canonical(first + second);
    }

    /** Similarity of two units: 1 for one canonical spelling, else Jaro-Winkler of the spellings as written. */
    static double similarity(String written, String canonical, String otherWritten, String otherCanonical) {
        return canonical.equals(otherCanonical) ? 1.0 : JaroWinkler.similarity(written, otherWritten);
    }

    String canonical(int k) {
        return canonical.get(k);
    }

    int size() {
        return units.size();
    }

    String unit(int k) {
        return units.get(k);
    }

    int mask(int k) {
        return masks[k];
    }
}
