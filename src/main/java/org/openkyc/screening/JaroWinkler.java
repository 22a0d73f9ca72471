package org.openkyc.screening;

/** Jaro-Winkler similarity in [0, 1] (prefix scale 0.1 over at most 4 characters). */
final class JaroWinkler {

    private JaroWinkler() {
    }

    static double similarity(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        int la = a.length();
        int lb = b.length();
        if (la == 0 || lb == 0) {
            return 0.0;
        }
        // The matched flags are bits of a long: a unit longer than 64 letters (none is, in the lists)
        // is compared on its first 64.
        if (la > 64 || lb > 64) {
            return similarity(a.substring(0, Math.min(la, 64)), b.substring(0, Math.min(lb, 64)));
        }
        int window = Math.max(0, Math.max(la, lb) / 2 - 1);
        long matchedA = 0;
        long matchedB = 0;
        int matches = 0;
        for (int i = 0; i < la; i++) {
            char c = a.charAt(i);
            int end = Math.min(lb - 1, i + window);
            for (int j = Math.max(0, i - window); j <= end; j++) {
                if ((matchedB & (1L << j)) == 0 && b.charAt(j) == c) {
                    matchedA |= 1L << i;
                    matchedB |= 1L << j;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int transpositions = 0;
        int j = 0;
        for (int i = 0; i < la; i++) {
            if ((matchedA & (1L << i)) != 0) {
                while ((matchedB & (1L << j)) == 0) {
                    j++;
                }
                if (a.charAt(i) != b.charAt(j)) {
                    transpositions++;
                }
                j++;
            }
        }
        return winkler(a, b, matches, transpositions / 2);
    }

    private static double winkler(String a, String b, int matches, int halfTranspositions) {
        double m = matches;
        double jaro = (m / a.length() + m / b.length() + (m - halfTranspositions) / m) / 3.0;
        int prefix = 0;
        int max = Math.min(4, Math.min(a.length(), b.length()));
        while (prefix < max && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1.0 - jaro);
    }
}
