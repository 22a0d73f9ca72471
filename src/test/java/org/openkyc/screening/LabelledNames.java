package org.openkyc.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * The labelled set of bench/p4, generated from the lists with a fixed seed: each listed name
 * disguised one way (a kind: typos, transliteration variants, reordering, a missing middle name,
 * an alias, joined or split tokens, accents; for entities a legal form, a typo, an alias), as a
 * customer would type it, with the entry's date of birth when it has one; and ordinary names that
 * are not listed, from a table of common US names, with a random date of birth.
 */
final class LabelledNames {

    /** One query; {@code uid} is the entry it must find, {@code null} for an ordinary name. */
    record Labelled(String kind, String name, LocalDate dob, EntryType type, String uid) {
    }

    private static final String[][] SPELLING_RULES = {{"OU", "U"}, {"U", "OU"}, {"EE", "I"}, {"KH", "H"}, {"Y", "I"},
        {"I", "Y"}, {"J", "DJ"}, {"Q", "K"}, {"K", "Q"}, {"SH", "CH"}, {"PH", "F"}, {"AA", "A"}, {"W", "V"}, {"V", "W"},
        {"E", "A"}, {"A", "E"}, {"DH", "Z"}, {"TH", "T"}, {"GH", "G"}, {"IE", "I"}, {"SS", "S"}, {"S", "SS"}};
    private static final String[] LEGAL_FORMS = {"LLC", "Ltd.", "Limited", "JSC", "GmbH", "S.A.", "Co., Ltd.", "Inc.", "PJSC", "OOO"};
    private static final String ACCENTED = "aáeéiíoóuünñcç";

    private final Random random;
    private final List<WatchlistEntry> individuals;
    private final List<WatchlistEntry> entities;

    LabelledNames(Watchlists lists, long seed) {
        this.random = new Random(seed);
        this.individuals = lists.entries().stream().filter(e -> e.type() == EntryType.INDIVIDUAL).toList();
        this.entities = lists.entries().stream().filter(e -> e.type() == EntryType.ENTITY).toList();
    }

    List<Labelled> positives(int perKind) {
        List<Labelled> all = new ArrayList<>();
        kind(all, perKind, "exact", individuals, w -> w);
        kind(all, perKind, "typo", individuals, w -> typo(w, 1));
        kind(all, perKind, "two typos", individuals, w -> typo(w, 2));
        kind(all, perKind, "transliteration", individuals, this::transliterated);
        kind(all, perKind, "reorder", individuals, this::reordered);
        kind(all, perKind, "missing middle name", individuals, this::withoutMiddle);
        kind(all, perKind, "joined tokens", individuals, this::joined);
        kind(all, perKind, "split token", individuals, this::split);
        kind(all, perKind, "accents and case", individuals, this::accented);
        aliases(all, perKind, "alias", individuals);
        kind(all, perKind, "entity legal form", entities, this::legalForm);
        kind(all, perKind, "entity typo", entities, w -> typo(w, 1));
        aliases(all, perKind, "entity alias", entities);
        return all;
    }

    List<Labelled> ordinary(int count) {
        List<List<String>> table = commonNames();
        List<String> given = table.get(0);
        List<String> surnames = table.get(1);
        List<Labelled> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = pick(given) + (random.nextInt(4) == 0 ? " " + pick(given) : "") + " " + pick(surnames);
            LocalDate dob = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(66 * 365));
            names.add(new Labelled("ordinary", name, dob, EntryType.INDIVIDUAL, null));
        }
        return names;
    }

    private void kind(List<Labelled> out, int count, String kind, List<WatchlistEntry> from, Function<List<String>, List<String>> disguise) {
        int made = 0;
        for (int attempt = 0; made < count && attempt < count * 50; attempt++) {
            WatchlistEntry entry = from.get(random.nextInt(from.size()));
            List<String> words = typed(entry.name(), entry.type());
            List<String> disguised = disguise.apply(words);
            if (disguised != null) {
                out.add(new Labelled(kind, String.join(" ", disguised), dob(entry), entry.type(), entry.uid()));
                made++;
            }
        }
    }

    private void aliases(List<Labelled> out, int count, String kind, List<WatchlistEntry> from) {
        int made = 0;
        for (int attempt = 0; made < count && attempt < count * 50; attempt++) {
            WatchlistEntry entry = from.get(random.nextInt(from.size()));
            List<Alias> multiWord = entry.aliases().stream().filter(a -> typed(a.name(), entry.type()).size() >= 2).toList();
            if (!multiWord.isEmpty()) {
                Alias alias = multiWord.get(random.nextInt(multiWord.size()));
                out.add(new Labelled(kind, String.join(" ", typed(alias.name(), entry.type())), dob(entry), entry.type(), entry.uid()));
                made++;
            }
        }
    }

    /** As a customer types a listed name: "HANIYA, Ismail" → "Ismail Haniya". */
    private static List<String> typed(String listed, EntryType type) {
        String ordered = type == EntryType.INDIVIDUAL ? NameNormalizer.reorder(listed, false) : listed;
        List<String> words = new ArrayList<>();
        for (String word : ordered.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(type == EntryType.INDIVIDUAL ? capitalized(word) : word);
            }
        }
        return words;
    }

    private static String capitalized(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1).toLowerCase(Locale.ROOT);
    }

    private LocalDate dob(WatchlistEntry entry) {
        if (entry.datesOfBirth().isEmpty()) {
            return null;
        }
        DateOfBirth dob = entry.datesOfBirth().getFirst();
        long days = ChronoUnit.DAYS.between(dob.from(), dob.to());
        return dob.from().plusDays(days == 0 ? 0 : random.nextLong(days + 1));
    }

    private List<String> typo(List<String> words, int typos) {
        List<Integer> long4 = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (letters(words.get(i)) >= 4) {
                long4.add(i);
            }
        }
        if (long4.size() < typos) {
            return null;
        }
        List<String> out = new ArrayList<>(words);
        java.util.Collections.shuffle(long4, random);
        for (int t = 0; t < typos; t++) {
            out.set(long4.get(t), edit(out.get(long4.get(t))));
        }
        return out;
    }

    /** One edit: a letter changed, dropped, added, or two adjacent swapped. */
    private String edit(String word) {
        StringBuilder w = new StringBuilder(word);
        int i = random.nextInt(word.length());
        char letter = (char) ('a' + random.nextInt(26));
        switch (random.nextInt(4)) {
            case 0 -> w.setCharAt(i, Character.isUpperCase(w.charAt(i)) ? Character.toUpperCase(letter) : letter);
            case 1 -> w.deleteCharAt(i);
            case 2 -> w.insert(i, letter);
            default -> {
                int j = Math.min(i + 1, word.length() - 1);
                char c = w.charAt(i);
                w.setCharAt(i, w.charAt(j));
                w.setCharAt(j, c);
            }
        }
        return w.toString();
    }

    /** Another spelling from the variants table, else a common transliteration rule applied once. */
    private List<String> transliterated(List<String> words) {
        List<String> out = new ArrayList<>(words);
        List<Integer> order = shuffled(words.size());
        for (int i : order) {
            String upper = words.get(i).toUpperCase(Locale.ROOT);
            List<String> spellings = NameVariants.DEFAULT.spellings(upper).stream().filter(s -> !s.equals(upper)).toList();
            if (!spellings.isEmpty()) {
                out.set(i, capitalized(spellings.get(random.nextInt(spellings.size()))));
                return out;
            }
        }
        for (int i : order) {
            String upper = words.get(i).toUpperCase(Locale.ROOT);
            for (int r : shuffled(SPELLING_RULES.length)) {
                int at = upper.indexOf(SPELLING_RULES[r][0], 1);
                if (at > 0) {
                    out.set(i, capitalized(upper.substring(0, at) + SPELLING_RULES[r][1] + upper.substring(at + SPELLING_RULES[r][0].length())));
                    return out;
                }
            }
        }
        return null;
    }

    /** The family name first, as lists write it without the comma. */
    private List<String> reordered(List<String> words) {
        if (words.size() < 2) {
            return null;
        }
        List<String> out = new ArrayList<>();
        out.add(words.getLast());
        out.addAll(words.subList(0, words.size() - 1));
        return out;
    }

    private List<String> withoutMiddle(List<String> words) {
        if (words.size() < 3) {
            return null;
        }
        List<String> out = new ArrayList<>(words);
        out.remove(1 + random.nextInt(words.size() - 2));
        return out;
    }

    private List<String> joined(List<String> words) {
        if (words.size() < 3) {
            return null;
        }
        int i = random.nextInt(words.size() - 1);
        List<String> out = new ArrayList<>(words.subList(0, i));
        out.add(words.get(i) + words.get(i + 1).toLowerCase(Locale.ROOT));
        out.addAll(words.subList(i + 2, words.size()));
        return out;
    }

    private List<String> split(List<String> words) {
        for (int i : shuffled(words.size())) {
            String w = words.get(i);
            if (w.length() >= 8 && letters(w) == w.length()) {
                int at = 3 + random.nextInt(w.length() - 5);
                List<String> out = new ArrayList<>(words.subList(0, i));
                out.add(w.substring(0, at));
                out.add(capitalized(w.substring(at)));
                out.addAll(words.subList(i + 1, words.size()));
                return out;
            }
        }
        return null;
    }

    private List<String> accented(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String word : words) {
            StringBuilder w = new StringBuilder(word.toLowerCase(Locale.ROOT));
            for (int i = 0; i < w.length(); i++) {
                int at = ACCENTED.indexOf(w.charAt(i));
                if (at >= 0 && at % 2 == 0 && random.nextBoolean()) {
                    w.setCharAt(i, ACCENTED.charAt(at + 1));
                }
            }
            out.add(w.toString());
        }
        return out;
    }

    private List<String> legalForm(List<String> words) {
        List<String> out = new ArrayList<>(words);
        String last = words.getLast().replaceAll("[.,]", "").toUpperCase(Locale.ROOT);
        boolean hasForm = Arrays.stream(LEGAL_FORMS).anyMatch(f -> f.replaceAll("[.,]", "").toUpperCase(Locale.ROOT).endsWith(last));
        if (hasForm && words.size() > 2) {
            out.removeLast();
            if (random.nextBoolean()) {
                out.add(LEGAL_FORMS[random.nextInt(LEGAL_FORMS.length)]);
            }
        } else {
            out.add(LEGAL_FORMS[random.nextInt(LEGAL_FORMS.length)]);
        }
        return out;
    }

    private List<Integer> shuffled(int n) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, random);
        return order;
    }

    private static int letters(String word) {
        return (int) word.chars().filter(Character::isLetter).count();
    }

    private String pick(List<String> names) {
        return names.get(random.nextInt(names.size()));
    }

    /** [given names, surnames] from {@code screening/common-us-names.txt}. */
    static List<List<String>> commonNames() {
        List<String> given = new ArrayList<>();
        List<String> surnames = new ArrayList<>();
        List<String> current = null;
        try (var in = LabelledNames.class.getClassLoader().getResourceAsStream("screening/common-us-names.txt")) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null;) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (line.startsWith("[")) {
                    current = line.equals("[given]") ? given : surnames;
                } else {
                    current.addAll(Arrays.asList(line.trim().split("\\s+")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(given, surnames);
    }
}
