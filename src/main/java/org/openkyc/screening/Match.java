package org.openkyc.screening;

/**
 * One potential match, explained: the entry (list, id, primary name, type, programs, DOBs,
 * nationalities), the name of the entry that matched ({@code matchedAs} "primary", or the alias
 * type: "aka", "fka", "nka", with " (remarks)" for the weaker aliases found only in the remarks),
 * the score in [0, 1], how the DOB compared, and the reason in words.
 */
public record Match(WatchlistEntry entry, String matchedName, String matchedAs, double score, double nameScore,
        DateOfBirth.Agreement dob, String reason) {

    public String list() {
        return entry.list();
    }
}
