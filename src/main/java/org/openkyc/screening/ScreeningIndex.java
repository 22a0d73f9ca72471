package org.openkyc.screening;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Screens names against the loaded lists. Built once per {@link Watchlists} and then read-only:
 * safe for any number of threads (each search takes scratch arrays of its own from a pool).
 *
 * <p>A search reaches, through the {@link NameIndex}, the listed names that share a similar unit
 * with the query; of those it scores only the ones that could still reach the threshold given how
 * many tokens on each side were reached (the score's penalty for unmatched tokens bounds it), and
 * reports each entry once, with its best name, rescored and explained by {@link Explanation}.
 */
final class ScreeningIndex {

    /** An applicant's DOB that agrees raises the score; one that no DOB of the entry allows lowers it. */
    static final double DOB_DATE_BONUS = 0.05;
    static final double DOB_YEAR_BONUS = 0.03;
    static final double DOB_CONTRADICTION = 0.15;

    private static final int MAX_QUERY_TOKENS = 15;

    private final Watchlists lists;
    private final List<WatchlistEntry> entries;
    final int[] entryOf;
    /** -1 for the primary name, else the index of the alias. */
    final int[] aliasOf;
    final NameNormalizer.Name[] names;
    private final NameIndex index;
    /**
     * Scratch arrays for searches, taken and given back: not a ThreadLocal, which on virtual
     * threads (one per request) would build the arrays again for every search.
     */
    private final ConcurrentLinkedQueue<Scratch> scratch = new ConcurrentLinkedQueue<>();

    private ScreeningIndex(Watchlists lists, int[] entryOf, int[] aliasOf, NameNormalizer.Name[] names, NameIndex index) {
        this.lists = lists;
        this.entries = lists.entries();
        this.entryOf = entryOf;
        this.aliasOf = aliasOf;
        this.names = names;
        this.index = index;
    }

    public static ScreeningIndex build(Watchlists lists) {
        List<WatchlistEntry> entries = lists.entries();
        int count = lists.nameCount();
        int[] entryOf = new int[count];
        int[] aliasOf = new int[count];
        NameNormalizer.Name[] names = new NameNormalizer.Name[count];
        List<NameNormalizer.Name> indexed = new ArrayList<>(count);
        int n = 0;
        for (int e = 0; e < entries.size(); e++) {
            WatchlistEntry entry = entries.get(e);
            boolean entity = entry.type() != EntryType.INDIVIDUAL;
            for (int a = -1; a < entry.aliases().size(); a++) {
                String name = a < 0 ? entry.name() : entry.aliases().get(a).name();
                NameNormalizer.Name normalized = truncated(NameNormalizer.DEFAULT.normalize(name, entity));
                entryOf[n] = e;
                aliasOf[n] = a;
                names[n] = normalized;
                indexed.add(normalized);
                n++;
            }
        }
        return new ScreeningIndex(lists, entryOf, aliasOf, names, NameIndex.build(indexed));
    }

    private static NameNormalizer.Name truncated(NameNormalizer.Name name) {
        if (name.tokens().size() <= NameIndex.MAX_TOKENS) {
            return name;
        }
        return new NameNormalizer.Name(name.tokens().subList(0, NameIndex.MAX_TOKENS), name.originals().subList(0, NameIndex.MAX_TOKENS));
    }

    public Watchlists lists() {
        return lists;
    }

    /** Names indexed (primary names and aliases). */
    public int nameCount() {
        return names.length;
    }

    public List<Match> search(ScreeningQuery query) {
        NameNormalizer.Name normalized = NameNormalizer.DEFAULT.normalize(query.name(), query.entityWords());
        QueryUnits q = QueryUnits.of(normalized, MAX_QUERY_TOKENS);
        if (q.tokens() == 0) {
            return List.of();
        }
        Scratch s = scratch.poll();
        if (s == null) {
            s = new Scratch(names.length, index.unitCount(), entries.size());
        }
        try {
            return search(query, normalized, q, s);
        } finally {
            scratch.offer(s);
        }
    }

    private List<Match> search(ScreeningQuery query, NameNormalizer.Name normalized, QueryUnits q, Scratch s) {
        s.begin();
        collectHits(q, s);
        double reach = query.dob() == null ? 0 : DOB_DATE_BONUS;
        for (int t = 0; t < s.touchedCount; t++) {
            int name = s.touched[t];
            WatchlistEntry entry = entries.get(entryOf[name]);
            if (query.type() != null && !query.type().compatibleWith(entry.type())) {
                continue;
            }
            int nTokens = names[name].tokens().size();
            double bound = 1 - Assignment.penalty(q.tokens(), Integer.bitCount(s.qMask[name]), nTokens,
                    Long.bitCount(s.nMask[name])) + reach;
            if (bound < query.minScore()) {
                continue;
            }
            double nameScore = scoreHits(name, q, s, nTokens);
            if (nameScore + reach >= query.minScore()) {
                s.offer(entryOf[name], name, adjusted(nameScore, entry, query.dob()));
            }
        }
        return matches(query, normalized, s);
    }

    /** Every hit of every query unit: which name, which of its units, how similar. */
    private void collectHits(QueryUnits q, Scratch s) {
        for (int k = 0; k < q.size(); k++) {
            s.unitHits.clear();
            index.similarUnits(q.unit(k), q.canonical(k), k >= q.tokens(), s.seenUnit, s.nextStamp(), s.unitHits);
            for (int h = 0; h < s.unitHits.size; h++) {
                int unit = s.unitHits.ids[h];
                double weight = (q.unit(k).length() + index.units[unit].length()) / 2.0;
                boolean joined = k >= q.tokens();
                for (int posting : index.postings[unit]) {
                    // Joined against joined says nothing the two tokens of each side do not say themselves.
                    if (joined && (posting & NameIndex.PAIR_FLAG) != 0) {
                        continue;
                    }
                    s.hit(posting >>> 6, k, q.mask(k), unitMask(posting), s.unitHits.sims[h], weight);
                }
            }
        }
    }

    private static long unitMask(int posting) {
        long first = 1L << (posting & 31);
        return (posting & NameIndex.PAIR_FLAG) != 0 ? first | first << 1 : first;
    }

    private double scoreHits(int name, QueryUnits q, Scratch s, int nTokens) {
        int n = 0;
        for (int h = s.head[name]; h >= 0; h = s.hitNext[h]) {
            s.pairQ[n] = s.hitQMask[h];
            s.pairN[n] = s.hitNMask[h];
            s.pairSim[n] = s.hitSim[h];
            s.pairWeight[n] = s.hitWeight[h];
            n++;
            if (n == s.pairQ.length) {
                s.growPairs();
            }
        }
        return Assignment.score(n, s.pairQ, s.pairN, s.pairSim, s.pairWeight, q.tokens(), nTokens, null);
    }

    static double adjusted(double nameScore, WatchlistEntry entry, LocalDate dob) {
        return switch (agreement(entry, dob)) {
            case DATE -> Math.min(1, nameScore + DOB_DATE_BONUS);
            case YEAR -> Math.min(1, nameScore + DOB_YEAR_BONUS);
            case CONTRADICTS -> Math.max(0, nameScore - DOB_CONTRADICTION);
            default -> nameScore;
        };
    }

    /** The best agreement of any of the entry's DOBs (an entry often lists several). */
    static DateOfBirth.Agreement agreement(WatchlistEntry entry, LocalDate dob) {
        if (dob == null || entry.datesOfBirth().isEmpty()) {
            return DateOfBirth.Agreement.UNKNOWN;
        }
        DateOfBirth.Agreement best = DateOfBirth.Agreement.CONTRADICTS;
        for (DateOfBirth candidate : entry.datesOfBirth()) {
            DateOfBirth.Agreement a = candidate.compare(dob);
            if (a.ordinal() < best.ordinal()) {
                best = a;
            }
        }
        return best;
    }

    /** Entries at or over the threshold, best first, rescored on all their units and explained. */
    private List<Match> matches(ScreeningQuery query, NameNormalizer.Name q, Scratch s) {
        List<Match> found = new ArrayList<>();
        for (int i = 0; i < s.entryCount; i++) {
            int e = s.entryList[i];
            if (s.entryScore[e] >= query.minScore()) {
                Match match = Explanation.of(this, entries.get(e), s.entryName[e], q, query.dob());
                if (match.score() >= query.minScore()) {
                    found.add(match);
                }
            }
        }
        found.sort(Comparator.comparingDouble(Match::score).reversed().thenComparing(m -> m.entry().uid()));
        return found.size() > query.limit() ? List.copyOf(found.subList(0, query.limit())) : found;
    }

    /**
     * The baseline without the index: the same careful score, computed directly for every listed
     * name (bench/p4 prints it beside {@link #search}).
     */
    public List<Match> scanAll(ScreeningQuery query) {
        NameNormalizer.Name q = NameNormalizer.DEFAULT.normalize(query.name(), query.entityWords());
        double[] best = new double[entries.size()];
        int[] bestName = new int[entries.size()];
        Arrays.fill(bestName, -1);
        for (int name = 0; name < names.length; name++) {
            WatchlistEntry entry = entries.get(entryOf[name]);
            if (query.type() != null && !query.type().compatibleWith(entry.type())) {
                continue;
            }
            double score = adjusted(Explanation.nameScore(q, names[name], null), entry, query.dob());
            if (score > best[entryOf[name]] || bestName[entryOf[name]] < 0) {
                best[entryOf[name]] = score;
                bestName[entryOf[name]] = name;
            }
        }
        List<Match> found = new ArrayList<>();
        for (int e = 0; e < best.length; e++) {
            if (bestName[e] >= 0 && best[e] >= query.minScore()) {
                found.add(Explanation.of(this, entries.get(e), bestName[e], q, query.dob()));
            }
        }
        found.sort(Comparator.comparingDouble(Match::score).reversed().thenComparing(m -> m.entry().uid()));
        return found.size() > query.limit() ? List.copyOf(found.subList(0, query.limit())) : found;
    }

    /** Per-thread working memory of a search, reset by stamps rather than by clearing. */
    static final class Scratch {
        final int[] seenUnit;
        int unitStamp;
        final NameIndex.UnitHits unitHits = new NameIndex.UnitHits();
        final int[] nameStamp;
        int stamp;
        final int[] head;
        final int[] qMask;
        final long[] nMask;
        int[] touched = new int[1024];
        int touchedCount;
        int[] hitNext = new int[4096];
        int[] hitQMask = new int[4096];
        long[] hitNMask = new long[4096];
        double[] hitSim = new double[4096];
        double[] hitWeight = new double[4096];
        int hitCount;
        int[] pairQ = new int[64];
        long[] pairN = new long[64];
        double[] pairSim = new double[64];
        double[] pairWeight = new double[64];
        final int[] entryStamp;
        final double[] entryScore;
        final int[] entryName;
        final int[] entryList;
        int entryCount;

        Scratch(int names, int units, int entries) {
            seenUnit = new int[units];
            nameStamp = new int[names];
            head = new int[names];
            qMask = new int[names];
            nMask = new long[names];
            entryStamp = new int[entries];
            entryScore = new double[entries];
            entryName = new int[entries];
            entryList = new int[entries];
        }

        void begin() {
            stamp++;
            touchedCount = 0;
            hitCount = 0;
            entryCount = 0;
        }

        int nextStamp() {
            return ++unitStamp;
        }

        void hit(int name, int queryUnit, int queryMask, long nameMask, double sim, double weight) {
            if (nameStamp[name] != stamp) {
                nameStamp[name] = stamp;
                head[name] = -1;
                qMask[name] = 0;
                nMask[name] = 0;
                if (touchedCount == touched.length) {
                    touched = Arrays.copyOf(touched, touchedCount * 2);
                }
                touched[touchedCount++] = name;
            }
            if (hitCount == hitNext.length) {
                growHits();
            }
            hitNext[hitCount] = head[name];
            hitQMask[hitCount] = queryMask;
            hitNMask[hitCount] = nameMask;
            hitSim[hitCount] = sim;
            hitWeight[hitCount] = weight;
            head[name] = hitCount++;
            qMask[name] |= queryMask;
            nMask[name] |= nameMask;
        }

        void offer(int entry, int name, double score) {
            if (entryStamp[entry] != stamp) {
                entryStamp[entry] = stamp;
                entryScore[entry] = score;
                entryName[entry] = name;
                entryList[entryCount++] = entry;
            } else if (score > entryScore[entry]) {
                entryScore[entry] = score;
                entryName[entry] = name;
            }
        }

        private void growHits() {
            int size = hitNext.length * 2;
            hitNext = Arrays.copyOf(hitNext, size);
            hitQMask = Arrays.copyOf(hitQMask, size);
            hitNMask = Arrays.copyOf(hitNMask, size);
            hitSim = Arrays.copyOf(hitSim, size);
            hitWeight = Arrays.copyOf(hitWeight, size);
        }

        void growPairs() {
            int size = pairQ.length * 2;
            pairQ = Arrays.copyOf(pairQ, size);
            pairN = Arrays.copyOf(pairN, size);
            pairSim = Arrays.copyOf(pairSim, size);
            pairWeight = Arrays.copyOf(pairWeight, size);
        }
    }
}
