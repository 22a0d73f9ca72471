package org.openkyc.verification;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** SPEC §8.2: from check results to a verdict, in the order the contract gives. */
final class Decision {

    /** Reasons that fail the attempt outright. */
    static final Set<String> FAIL = Set.of("underage", "country_not_allowed", "watchlist_confirmed_match");
    /** Reasons a person should look at. */
    static final Set<String> REVIEW = Set.of("watchlist_potential_match", "ssn_shared", "ssn_dob_mismatch", "dob_implausible");
    /** Data that looks mistyped: the field to re-enter and the documents that would prove it. */
    static final Map<String, Fix> REENTER = Map.ofEntries(
            Map.entry("ssn_invalid", new Fix("ssn", List.of("social_security_card"))),
            Map.entry("ssn_is_itin", new Fix("ssn", List.of("social_security_card"))),
            Map.entry("missing_ssn", new Fix("ssn", List.of("social_security_card"))),
            Map.entry("phone_invalid", new Fix("phone", List.of("government_id"))),
            Map.entry("email_invalid", new Fix("email", List.of("government_id"))),
            Map.entry("email_disposable", new Fix("email", List.of("government_id"))),
            Map.entry("ip_invalid", new Fix("ip", List.of("government_id"))),
            Map.entry("ip_private", new Fix("ip", List.of("government_id"))),
            Map.entry("missing_ip", new Fix("ip", List.of("government_id"))),
            Map.entry("missing_dob", new Fix("dob", List.of("government_id"))),
            Map.entry("missing_name", new Fix("first_name", List.of("government_id"))),
            Map.entry("missing_address", new Fix("addresses", List.of("proof_of_address"))),
            Map.entry("zip_state_mismatch", new Fix("addresses", List.of("proof_of_address"))),
            Map.entry("po_box_physical", new Fix("addresses", List.of("proof_of_address"))));

    record Fix(String field, List<String> documents) {
    }

    private Decision() {
    }

    public static Verdict decide(List<CheckResult> results) {
        List<Reason> hits = results.stream().filter(r -> r.outcome() == CheckResult.Outcome.HIT).map(CheckResult::reason).toList();
        if (hits.stream().anyMatch(r -> FAIL.contains(r.code()))) {
            return new Verdict(Verdict.Kind.FAILED, hits, List.of(), List.of(), null, results);
        }
        if (results.stream().anyMatch(r -> r.outcome() == CheckResult.Outcome.NOT_RUN)) {
            List<Reason> why = results.stream().filter(r -> r.outcome() == CheckResult.Outcome.NOT_RUN).map(CheckResult::reason).toList();
            return new Verdict(Verdict.Kind.RETRY, why, List.of(), List.of(), null, results);
        }
        Set<String> fields = new LinkedHashSet<>();
        Set<String> documents = new LinkedHashSet<>();
        for (Reason reason : hits) {
            Fix fix = REENTER.get(reason.code());
            if (fix != null) {
                fields.add(fix.field());
                documents.addAll(fix.documents());
            }
        }
        if (!fields.isEmpty()) {
            documents.add("government_id");
            List<String> ordered = new ArrayList<>(List.of("government_id", "proof_of_address", "social_security_card"));
            ordered.retainAll(documents);
            return new Verdict(Verdict.Kind.DOCUMENT_REQUIRED, hits, ordered, List.copyOf(fields),
                    "Some information could not be verified: check " + String.join(", ", fields) + " and submit again, or upload the requested documents.",
                    results);
        }
        if (hits.stream().anyMatch(r -> REVIEW.contains(r.code()))) {
            return new Verdict(Verdict.Kind.UNDER_REVIEW, hits, List.of(), List.of(), null, results);
        }
        if (!hits.isEmpty()) {
            return new Verdict(Verdict.Kind.UNDER_REVIEW, hits, List.of(), List.of(), null, results);
        }
        return new Verdict(Verdict.Kind.PASSED, List.of(), List.of(), List.of(), null, results);
    }
}
