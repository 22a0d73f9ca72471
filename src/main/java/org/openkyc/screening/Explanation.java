package org.openkyc.screening;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Scores one listed name against a query directly (all unit pairs) and says why, in words. */
final class Explanation {

    private Explanation() {
    }

    /** The unit pairs of a query and a listed name that are similar enough to count. */
    private record Pairs(int n, int[] q, long[] nm, double[] sim, double[] weight, int[] qUnit, int[] nUnit) {
    }

    static double nameScore(NameNormalizer.Name query, NameNormalizer.Name name, int[] chosen) {
        QueryUnits q = QueryUnits.of(query, 15);
        QueryUnits n = QueryUnits.of(name, NameIndex.MAX_TOKENS);
        if (q.tokens() == 0 || n.tokens() == 0) {
            return 0;
        }
        Pairs pairs = pairs(q, n);
        return score(pairs, q, n, chosen);
    }

    private static double score(Pairs p, QueryUnits q, QueryUnits n, int[] chosen) {
        return Assignment.score(p.n(), p.q(), p.nm(), p.sim(), p.weight(), q.tokens(), n.tokens(), chosen);
    }

    private static Pairs pairs(QueryUnits q, QueryUnits n) {
        int max = q.size() * n.size();
        int[] qm = new int[max];
        long[] nm = new long[max];
        double[] sim = new double[max];
        double[] weight = new double[max];
        int[] qUnit = new int[max];
        int[] nUnit = new int[max];
        int count = 0;
        for (int k = 0; k < q.size(); k++) {
            for (int u = 0; u < n.size(); u++) {
                if (k >= q.tokens() && u >= n.tokens()) {
                    continue;
                }
                double s = QueryUnits.similarity(q.unit(k), q.canonical(k), n.unit(u), n.canonical(u));
                if (s >= Assignment.PAIR_MIN) {
                    qm[count] = q.mask(k);
                    nm[count] = n.mask(u);
                    sim[count] = s;
                    weight[count] = (q.unit(k).length() + n.unit(u).length()) / 2.0;
                    qUnit[count] = k;
                    nUnit[count] = u;
                    count++;
                }
            }
        }
        return new Pairs(count, qm, nm, sim, weight, qUnit, nUnit);
    }

    static Match of(ScreeningIndex index, WatchlistEntry entry, int nameId, NameNormalizer.Name query, LocalDate dob) {
        NameNormalizer.Name name = index.names[nameId];
        QueryUnits q = QueryUnits.of(query, 15);
        QueryUnits n = QueryUnits.of(name, NameIndex.MAX_TOKENS);
        Pairs pairs = pairs(q, n);
        int[] chosen = new int[Math.max(1, pairs.n()) + 1];
        double nameScore = q.tokens() == 0 || n.tokens() == 0 ? 0 : score(pairs, q, n, chosen);
        DateOfBirth.Agreement agreement = ScreeningIndex.agreement(entry, dob);
        double score = ScreeningIndex.adjusted(nameScore, entry, dob);
        int alias = index.aliasOf[nameId];
        String matchedName = alias < 0 ? entry.name() : entry.aliases().get(alias).name();
        String matchedAs = alias < 0 ? "primary" : aliasKind(entry.aliases().get(alias));
        String reason = reason(entry, query, name, q, n, pairs, chosen, agreement, matchedAs);
        return new Match(entry, matchedName, matchedAs, round(score), round(nameScore), agreement, reason);
    }

    private static String aliasKind(Alias alias) {
        return alias.type() + (alias.fromRemarks() ? " (remarks)" : "");
    }

    private static double round(double score) {
        return Math.round(score * 1000) / 1000.0;
    }

    private static String reason(WatchlistEntry entry, NameNormalizer.Name query, NameNormalizer.Name name, QueryUnits q,
            QueryUnits n, Pairs pairs, int[] chosen, DateOfBirth.Agreement agreement, String matchedAs) {
        List<String> parts = new ArrayList<>();
        if (!matchedAs.equals("primary")) {
            parts.add("matched alias (" + matchedAs + ")");
        }
        int usedQ = 0;
        long usedN = 0;
        int lastQ = -1;
        boolean reordered = false;
        for (int c = 0; c < chosen.length && chosen[c] >= 0 && pairs.n() > 0; c++) {
            int i = chosen[c];
            usedQ |= pairs.q()[i];
            usedN |= pairs.nm()[i];
            parts.add(role(entry, n, pairs.nUnit()[i]) + " " + how(query, name, q, n, pairs.qUnit()[i], pairs.nUnit()[i], pairs.sim()[i]));
        }
        int[] order = new int[n.tokens()];
        java.util.Arrays.fill(order, -1);
        for (int c = 0; c < chosen.length && chosen[c] >= 0 && pairs.n() > 0; c++) {
            int i = chosen[c];
            int first = Long.numberOfTrailingZeros(pairs.nm()[i]);
            order[first] = Integer.numberOfTrailingZeros(pairs.q()[i]);
        }
        for (int p : order) {
            if (p >= 0) {
                reordered |= p < lastQ;
                lastQ = p;
            }
        }
        if (reordered) {
            parts.add("name order differs");
        }
        for (int t = 0; t < n.tokens(); t++) {
            if ((usedN & (1L << t)) == 0) {
                parts.add(role(entry, n, t) + " " + name.originals().get(t) + " not in the query");
            }
        }
        for (int t = 0; t < q.tokens(); t++) {
            if ((usedQ & (1 << t)) == 0) {
                parts.add("query name " + query.originals().get(t) + " not on the entry");
            }
        }
        parts.add(switch (agreement) {
            case DATE -> "DOB matches";
            case YEAR -> "DOB year matches";
            case YEAR_ONLY -> "DOB year matches, the day differs";
            case CONTRADICTS -> "DOB contradicts the entry's";
            case UNKNOWN -> entry.datesOfBirth().isEmpty() ? "no DOB on the entry" : "no DOB in the query";
        });
        return String.join("; ", parts);
    }

    private static String role(WatchlistEntry entry, QueryUnits n, int unit) {
        if (unit >= n.tokens()) {
            return "joined";
        }
        if (entry.type() != EntryType.INDIVIDUAL) {
            return "word";
        }
        if (n.tokens() > 1 && unit == n.tokens() - 1) {
            return "family name";
        }
        return unit == 0 ? "given name" : "middle name";
    }

    private static String how(NameNormalizer.Name query, NameNormalizer.Name name, QueryUnits q, QueryUnits n, int qUnit,
            int nUnit, double sim) {
        String written = written(query, q, qUnit);
        String listed = written(name, n, nUnit);
        boolean joined = qUnit >= q.tokens() || nUnit >= n.tokens();
        if (written.equals(listed)) {
            return joined ? "exact, joined (" + spaced(query, q, qUnit) + " / " + spaced(name, n, nUnit) + ")" : "exact";
        }
        if (q.canonical(qUnit).equals(n.canonical(nUnit))) {
            return "transliteration variant (" + written + " / " + listed + ")";
        }
        int hundredths = (int) Math.round(sim * 100);
        return "close spelling (" + written + " / " + listed + ", " + hundredths / 100 + "." + (hundredths % 100 < 10 ? "0" : "")
                + hundredths % 100 + ")";
    }

    private static String written(NameNormalizer.Name name, QueryUnits units, int unit) {
        int t = unit < units.tokens() ? unit : unit - units.tokens();
        return unit < units.tokens() ? name.originals().get(t) : name.originals().get(t) + name.originals().get(t + 1);
    }

    private static String spaced(NameNormalizer.Name name, QueryUnits units, int unit) {
        int t = unit < units.tokens() ? unit : unit - units.tokens();
        return unit < units.tokens() ? name.originals().get(t) : name.originals().get(t) + " " + name.originals().get(t + 1);
    }
}
