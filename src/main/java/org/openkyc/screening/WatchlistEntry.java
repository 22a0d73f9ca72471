package org.openkyc.screening;

import java.util.List;

/**
 * One entry of a list: {@code list} is "SDN" or "CONS" (OFAC's consolidated non-SDN lists),
 * {@code id} the entry's ent_num. The remarks are kept whole (with sdn_comments appended); what
 * matters for matching is extracted from them into the other fields.
 */
public record WatchlistEntry(String list, String id, String name, EntryType type, List<String> programs,
        String title, List<Alias> aliases, List<Address> addresses, List<DateOfBirth> datesOfBirth,
        List<String> placesOfBirth, List<String> nationalities, String gender, String remarks) {

    public WatchlistEntry {
        programs = List.copyOf(programs);
        aliases = List.copyOf(aliases);
        addresses = List.copyOf(addresses);
        datesOfBirth = List.copyOf(datesOfBirth);
        placesOfBirth = List.copyOf(placesOfBirth);
        nationalities = List.copyOf(nationalities);
    }

    /** {@code list-id}, unique across lists, e.g. {@code SDN-306}. */
    public String uid() {
        return list + "-" + id;
    }
}
