package org.openkyc.screening;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Builds the entries of one OFAC list from its files (see {@link OfacList}). */
final class OfacParser {

    private OfacParser() {
    }

    static List<WatchlistEntry> parse(OfacList files) throws IOException {
        List<String[]> primary = read(files.primary());
        Map<String, StringBuilder> comments = new HashMap<>();
        for (String[] row : readOptional(files.comments())) {
            if (row.length >= 2 && row[1] != null) {
                // A continuation of the remarks cut at the primary file's field limit, mid-word: appended as is.
                comments.computeIfAbsent(row[0], k -> new StringBuilder()).append(row[1]);
            }
        }
        Map<String, List<Alias>> aliases = new HashMap<>();
        for (String[] row : readOptional(files.aliases())) {
            if (row.length >= 4 && row[3] != null) {
                String type = row[2] == null ? "aka" : row[2].trim().toLowerCase(Locale.ROOT);
                aliases.computeIfAbsent(row[0], k -> new ArrayList<>()).add(new Alias(type, row[3].trim(), false));
            }
        }
        Map<String, List<Address>> addresses = new HashMap<>();
        for (String[] row : readOptional(files.addresses())) {
            if (row.length >= 5) {
                addresses.computeIfAbsent(row[0], k -> new ArrayList<>())
                        .add(new Address(row[2], row[3], row[4], row.length > 5 ? row[5] : null));
            }
        }
        Map<String, WatchlistEntry> entries = new LinkedHashMap<>();
        for (String[] row : primary) {
            if (row.length < 12 || row[0] == null || row[1] == null) {
                throw new IOException(files.list() + ": a primary record without its 12 fields (ent_num " + row[0] + ")");
            }
            String id = row[0].trim();
            String remarks = row[11];
            StringBuilder more = comments.get(id);
            if (more != null) {
                remarks = (remarks == null ? "" : remarks) + more;
            }
            Remarks facts = Remarks.parse(remarks);
            entries.put(id, new WatchlistEntry(files.list(), id, row[1].trim(), EntryType.ofOfac(row[2]), programs(row[3]),
                    row[4], allAliases(aliases.getOrDefault(id, List.of()), facts.aliases()),
                    addresses.getOrDefault(id, List.of()), facts.datesOfBirth(), facts.placesOfBirth(),
                    facts.nationalities(), facts.gender(), remarks));
        }
        return List.copyOf(entries.values());
    }

    /** The alt file's aliases, then those only in the remarks (many repeat the alt file's). */
    private static List<Alias> allAliases(List<Alias> listed, List<Alias> inRemarks) {
        if (inRemarks.isEmpty()) {
            return listed;
        }
        List<Alias> all = new ArrayList<>(listed);
        Set<String> seen = new HashSet<>();
        listed.forEach(a -> seen.add(a.name().toUpperCase(Locale.ROOT)));
        for (Alias alias : inRemarks) {
            if (seen.add(alias.name().toUpperCase(Locale.ROOT))) {
                all.add(alias);
            }
        }
        return all;
    }

    /** {@code SDGT] [IFSR} → [SDGT, IFSR]. */
    static List<String> programs(String field) {
        if (field == null) {
            return List.of();
        }
        List<String> programs = new ArrayList<>();
        for (String part : field.split("\\]\\s*\\[")) {
            String program = part.replace("[", "").replace("]", "").trim();
            if (!program.isEmpty()) {
                programs.add(program);
            }
        }
        return programs;
    }

    private static List<String[]> read(ListSource source) throws IOException {
        try (InputStream in = source.open()) {
            return CsvRecords.read(in);
        }
    }

    private static List<String[]> readOptional(ListSource source) throws IOException {
        return source == null || !source.exists() ? List.of() : read(source);
    }
}
