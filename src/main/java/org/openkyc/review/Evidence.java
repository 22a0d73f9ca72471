package org.openkyc.review;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.openkyc.kyc.AttemptRecords;
import org.openkyc.screening.DateOfBirth;
import org.openkyc.screening.WatchlistHits;

/**
 * Reads what the checks stored as evidence (verification's watchlist, duplicate-identity and
 * licence checks) into what a reviewer compares: plain functions over the stored maps, tolerant of
 * evidence erased with the customer (null) and of fields a check did not write.
 */
final class Evidence {

    static final String WATCHLIST_CHECK = "watchlist";
    static final String DUPLICATE_CHECK = "duplicate_identity";
    /** The licence comparison's evidence is recognised by this key, whichever check stored it. */
    static final String LICENCE_MARK = "aamva_version";
    /** The decoded licence fields, encrypted by the document check; opened only for the reviewer's view. */
    static final String LICENCE_SEALED = "decoded_fields_sealed";

    /** How a watchlist entry's dates of birth stand against the customer's, for the highlight. */
    enum DobAgreement {
        /** One of the entry's dates is the customer's, or a year, month or range holds it. */
        AGREES,
        /** Every date the entry gives is another. */
        DIFFERS,
        /** No date on one side, or none of the entry's could be read. */
        UNKNOWN
    }

    private Evidence() {
    }

    /** The watchlist candidates of the latest watchlist result, best first as stored. */
    static List<CaseDetail.Candidate> candidates(List<AttemptRecords.CheckRecord> checks) {
        Map<String, Object> evidence = latest(checks, WATCHLIST_CHECK);
        List<CaseDetail.Candidate> out = new ArrayList<>();
        for (Object item : list(evidence == null ? null : evidence.get("candidates"))) {
            if (item instanceof Map<?, ?> c) {
                out.add(new CaseDetail.Candidate(string(c.get("list")), string(c.get("entry_id")), string(c.get("primary_name")),
                        string(c.get("matched_name")), string(c.get("matched_as")), number(c.get("score")), string(c.get("type")),
                        strings(c.get("programs")), strings(c.get("dates_of_birth")), strings(c.get("nationalities")), string(c.get("reason"))));
            }
        }
        return out;
    }

    /**
     * The candidates of the latest watchlist result as screening takes them back when reviewers
     * clear them ({@link CaseDetail#candidates()}, what the case page shows, with the version of
     * each one's list); those without a list or entry id are left out.
     */
    static List<WatchlistHits.Cleared> cleared(List<AttemptRecords.CheckRecord> checks) {
        Map<String, Object> evidence = latest(checks, WATCHLIST_CHECK);
        Map<?, ?> versions = evidence != null && evidence.get("list_versions") instanceof Map<?, ?> v ? v : Map.of();
        return candidates(checks).stream().filter(c -> c.list() != null && c.entryId() != null)
                .map(c -> new WatchlistHits.Cleared(c.list(), c.entryId(), string(versions.get(c.list())), c.primaryName(), c.matchedName(),
                        c.matchedAs(), c.score(), c.type(), c.programs(), c.datesOfBirth(), c.nationalities(), c.reason()))
                .toList();
    }

    /** The other customers holding the same SSN: their ids only. */
    static List<UUID> duplicateCustomerIds(List<AttemptRecords.CheckRecord> checks) {
        Map<String, Object> evidence = latest(checks, DUPLICATE_CHECK);
        List<UUID> ids = new ArrayList<>();
        for (String id : strings(evidence == null ? null : evidence.get("other_customer_ids"))) {
            try {
                ids.add(UUID.fromString(id));
            } catch (IllegalArgumentException notAnId) {
                // evidence is ours, but a malformed id is shown as nothing rather than failing the page
            }
        }
        return ids;
    }

    /** The latest licence comparison without its decoded fields, or null. */
    static CaseDetail.Licence licence(List<AttemptRecords.CheckRecord> checks) {
        return licence(checks, sealed -> Optional.empty());
    }

    /** The latest licence comparison, or null; {@code open} opens its sealed decoded fields (kyc's face). */
    static CaseDetail.Licence licence(List<AttemptRecords.CheckRecord> checks, Function<String, Optional<AttemptRecords.DecodedLicence>> open) {
        for (int i = checks.size() - 1; i >= 0; i--) {
            Map<String, Object> e = checks.get(i).evidence();
            if (e != null && e.containsKey(LICENCE_MARK)) {
                Map<String, Object> fields = new LinkedHashMap<>(e);
                fields.remove("mismatches");
                fields.remove("notes");
                Object sealed = fields.remove(LICENCE_SEALED);
                AttemptRecords.DecodedLicence decoded = sealed instanceof String s ? open.apply(s).orElse(null) : null;
                return new CaseDetail.Licence(fields, strings(e.get("mismatches")), strings(e.get("notes")), decoded);
            }
        }
        return null;
    }

    /**
     * Whether a watchlist entry's dates of birth ("12 Jan 1955", "Jan 1955", "circa 1960",
     * "1955 to 1960") agree with the customer's: compared as dates, not as text, so a year or a
     * range agrees when the customer's date falls inside it.
     */
    static DobAgreement dobAgreement(List<String> entryDobs, LocalDate customerDob) {
        if (customerDob == null) {
            return DobAgreement.UNKNOWN;
        }
        boolean differs = false;
        for (String text : entryDobs) {
            switch (DateOfBirth.agreement(text, customerDob)) {
                case DATE, YEAR -> {
                    return DobAgreement.AGREES;
                }
                case YEAR_ONLY, CONTRADICTS -> differs = true;
                case UNKNOWN -> { }
            }
        }
        return differs ? DobAgreement.DIFFERS : DobAgreement.UNKNOWN;
    }

    private static Map<String, Object> latest(List<AttemptRecords.CheckRecord> checks, String check) {
        for (int i = checks.size() - 1; i >= 0; i--) {
            if (check.equals(checks.get(i).check())) {
                return checks.get(i).evidence();
            }
        }
        return null;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }
}
