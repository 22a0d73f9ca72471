package org.openkyc.screening;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the remarks of an OFAC entry say that matters for matching. Remarks are {@code ;}-separated
 * facts ({@code DOB 12 Jan 1955; alt. DOB 1956; POB Baghdad, Iraq; nationality Iraq; Gender Male;
 * a.k.a. 'X'}); a.k.a. names are looked for anywhere, as they also come inside other facts.
 */
record Remarks(List<DateOfBirth> datesOfBirth, List<String> placesOfBirth, List<String> nationalities, String gender,
        List<Alias> aliases) {

    private static final Pattern FACT = Pattern.compile("(?i)^(?:alt\\.\\s*)?(DOB|POB|nationality|citizen|Gender)\\s+(.+)$");
    // The closing quote is the one followed by the end of the fact: names carry apostrophes (ABU-'UMAR).
    private static final Pattern AKA = Pattern.compile("(?i)\\b([afn])\\.k\\.a\\.,?\\s+'(.+?)'(?=\\s*(?:[;.),]|$))");

    static final Remarks NONE = new Remarks(List.of(), List.of(), List.of(), null, List.of());

    static Remarks parse(String remarks) {
        if (remarks == null || remarks.isBlank()) {
            return NONE;
        }
        List<DateOfBirth> dobs = new ArrayList<>();
        Set<String> pobs = new LinkedHashSet<>();
        Set<String> nationalities = new LinkedHashSet<>();
        String gender = null;
        for (String raw : remarks.split(";")) {
            Matcher m = FACT.matcher(stripEnd(raw.trim()));
            if (!m.matches()) {
                continue;
            }
            String value = m.group(2).trim();
            switch (m.group(1).toLowerCase(Locale.ROOT)) {
                case "dob" -> {
                    DateOfBirth dob = DateOfBirth.parse(value);
                    if (dob != null) {
                        dobs.add(dob);
                    }
                }
                case "pob" -> pobs.add(value);
                case "nationality", "citizen" -> nationalities.add(value);
                default -> gender = gender(value, gender);
            }
        }
        return new Remarks(dobs, List.copyOf(pobs), List.copyOf(nationalities), gender, aliases(remarks));
    }

    private static String gender(String value, String current) {
        String v = value.toLowerCase(Locale.ROOT);
        return v.equals("male") ? "male" : v.equals("female") ? "female" : current;
    }

    static List<Alias> aliases(String remarks) {
        List<Alias> aliases = new ArrayList<>();
        Matcher m = AKA.matcher(remarks);
        while (m.find()) {
            aliases.add(new Alias(m.group(1).toLowerCase(Locale.ROOT) + "ka", m.group(2).trim(), true));
        }
        return aliases;
    }

    /** The remarks end with a full stop, which belongs to no fact. */
    private static String stripEnd(String fact) {
        return fact.endsWith(".") ? fact.substring(0, fact.length() - 1).trim() : fact;
    }
}
