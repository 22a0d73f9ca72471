package org.openkyc.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openkyc.kyc.AttemptRecords;
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

    /** The latest licence comparison, or null. */
    static CaseDetail.Licence licence(List<AttemptRecords.CheckRecord> checks) {
        for (int i = checks.size() - 1; i >= 0; i--) {
            Map<String, Object> e = checks.get(i).evidence();
            if (e != null && e.containsKey(LICENCE_MARK)) {
                Map<String, Object> fields = new LinkedHashMap<>(e);
                fields.remove("mismatches");
                fields.remove("notes");
                return new CaseDetail.Licence(fields, strings(e.get("mismatches")), strings(e.get("notes")));
            }
        }
        return null;
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
