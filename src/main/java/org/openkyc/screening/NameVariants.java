package org.openkyc.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The table of name spellings treated as equal (resource {@code watchlists/name-variants.txt}). */
final class NameVariants {

    static final NameVariants DEFAULT = load("watchlists/name-variants.txt");

    /** Prefixes written glued to the next word (ABDELRAHMAN), brought to the table's spelling. */
    private static final String[] GLUED_ABD = {"ABDEL", "ABDOUL", "ABDOL", "ABDAL", "ABDUL", "ABD"};

    private final Map<String, String> canonical;
    private final Map<String, List<String>> groups;

    private NameVariants(Map<String, String> canonical, Map<String, List<String>> groups) {
        this.canonical = canonical;
        this.groups = groups;
    }

    static NameVariants load(String resource) {
        Map<String, String> canonical = new HashMap<>();
        Map<String, List<String>> groups = new HashMap<>();
        try (InputStream in = NameVariants.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null;) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] spellings = line.split(",");
                String first = spellings[0].trim();
                List<String> group = Arrays.stream(spellings).map(String::trim).toList();
                for (String spelling : group) {
                    canonical.put(spelling, first);
                }
                groups.put(first, group);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NameVariants(Map.copyOf(canonical), Map.copyOf(groups));
    }

    /** The group's spelling of an upper-case ASCII token, or the token itself. */
    String canonical(String token) {
        String known = canonical.get(token);
        if (known != null) {
            return known;
        }
        for (String prefix : GLUED_ABD) {
            if (token.length() >= prefix.length() + 4 && token.startsWith(prefix)) {
                String rest = token.substring(prefix.length());
                return "ABDUL" + (rest.startsWith("AL") && rest.length() > 5 ? rest.substring(2) : rest);
            }
        }
        return token;
    }

    /** Every spelling of the token's group (just the token when it has none). */
    List<String> spellings(String token) {
        String group = canonical.get(token);
        return group == null ? List.of(token) : groups.get(group);
    }

    boolean variants(String a, String b) {
        return !a.equals(b) && canonical(a).equals(canonical(b));
    }
}
