package org.openkyc.screening;

/**
 * The careful score of a name against a query, from the similar pairs of their units (a unit is a
 * token, or two adjacent tokens joined, for "ABDULRAHMAN" / "ABDUL RAHMAN"): the best pairs are
 * taken greedily, each token used once, order ignored; the score is the length-weighted mean
 * similarity of the pairs taken, less a penalty for the share of each side's tokens left unmatched.
 */
final class Assignment {

    /** A pair counts when its Jaro-Winkler similarity reaches this (one typo in a 5-letter name: ~0.88). */
    static final double PAIR_MIN = 0.84;
    /** Penalty for leaving a whole side unmatched; half of it for half the tokens of one side. */
    static final double UNMATCHED_PENALTY = 0.25;

    private Assignment() {
    }

    /** The pairs taken by {@link #score}: index into the inputs, -1 ended. */
    static double score(int n, int[] qMask, long[] nMask, double[] sim, double[] weight, int qTokens, int nTokens,
            int[] chosen) {
        int[] order = byDescendingSimilarity(n, sim, qMask, nMask);
        int usedQ = 0;
        long usedN = 0;
        double sum = 0;
        double weights = 0;
        int taken = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if ((usedQ & qMask[i]) != 0 || (usedN & nMask[i]) != 0) {
                continue;
            }
            usedQ |= qMask[i];
            usedN |= nMask[i];
            sum += sim[i] * weight[i];
            weights += weight[i];
            if (chosen != null) {
                chosen[taken] = i;
            }
            taken++;
        }
        if (chosen != null && taken < chosen.length) {
            chosen[taken] = -1;
        }
        if (weights == 0) {
            return 0;
        }
        return Math.max(0, sum / weights - penalty(qTokens, Integer.bitCount(usedQ), nTokens, Long.bitCount(usedN)));
    }

    static double penalty(int qTokens, int qMatched, int nTokens, int nMatched) {
        return UNMATCHED_PENALTY * ((double) (qTokens - qMatched) / qTokens + (double) (nTokens - nMatched) / nTokens);
    }

    /** Insertion sort: a name has a handful of similar pairs. Ties: the wider unit (joined tokens) first. */
    private static int[] byDescendingSimilarity(int n, double[] sim, int[] qMask, long[] nMask) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            int j = i;
            while (j > 0 && before(i, order[j - 1], sim, qMask, nMask)) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        return order;
    }

    private static boolean before(int a, int b, double[] sim, int[] qMask, long[] nMask) {
        if (sim[a] != sim[b]) {
            return sim[a] > sim[b];
        }
        return Integer.bitCount(qMask[a]) + Long.bitCount(nMask[a]) > Integer.bitCount(qMask[b]) + Long.bitCount(nMask[b]);
    }
}
