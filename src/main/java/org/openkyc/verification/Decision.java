package org.openkyc.verification;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** SPEC §8.2: from check results to a verdict, in the order the contract gives. */
final class Decision {

    /** The documents a re-entry can ask for, in the order the status lists them. */
    private static final List<String> DOCUMENT_ORDER = List.of("government_id", "proof_of_address", "social_security_card");

    private Decision() {
    }

    /**
     * Fail, then retry, then re-enter (with the documents that would prove the data), then review,
     * then pass: each hit's effect comes from the {@link ReasonCatalogue}. A code missing from the
     * catalogue (ReasonCatalogueTest keeps that from happening) is treated as a review, never as a pass.
     */
    public static Verdict decide(List<CheckResult> results) {
        List<Reason> hits = results.stream().filter(r -> r.outcome() == CheckResult.Outcome.HIT).map(CheckResult::reason).toList();
        if (hits.stream().anyMatch(r -> effect(r) == ReasonCatalogue.Effect.FAIL)) {
            return new Verdict(Verdict.Kind.FAILED, hits, List.of(), List.of(), null, results);
        }
        if (results.stream().anyMatch(r -> r.outcome() == CheckResult.Outcome.NOT_RUN)) {
            List<Reason> why = results.stream().filter(r -> r.outcome() == CheckResult.Outcome.NOT_RUN).map(CheckResult::reason).toList();
            return new Verdict(Verdict.Kind.RETRY, why, List.of(), List.of(), null, results);
        }
        Set<String> fields = new LinkedHashSet<>();
        Set<String> documents = new LinkedHashSet<>();
        for (Reason reason : hits) {
            ReasonCatalogue.find(reason.code()).filter(e -> e.effect() == ReasonCatalogue.Effect.REENTER).ifPresent(entry -> {
                fields.add(entry.field());
                documents.addAll(entry.documents());
            });
        }
        if (!fields.isEmpty()) {
            List<String> ordered = new ArrayList<>(DOCUMENT_ORDER);
            ordered.retainAll(documents);
            return new Verdict(Verdict.Kind.DOCUMENT_REQUIRED, hits, ordered, List.copyOf(fields),
                    "Some information could not be verified: check " + String.join(", ", fields) + " and submit again, or upload the requested documents.",
                    results);
        }
        if (hits.stream().anyMatch(r -> effect(r) == ReasonCatalogue.Effect.REVIEW)) {
            return new Verdict(Verdict.Kind.UNDER_REVIEW, hits, List.of(), List.of(), null, results);
        }
        List<Reason> standing = hits.stream().filter(r -> effect(r) != ReasonCatalogue.Effect.NOTE).toList();
        return standing.isEmpty()
                ? new Verdict(Verdict.Kind.PASSED, List.of(), List.of(), List.of(), null, results)
                : new Verdict(Verdict.Kind.UNDER_REVIEW, hits, List.of(), List.of(), null, results);
    }

    private static ReasonCatalogue.Effect effect(Reason reason) {
        return ReasonCatalogue.find(reason.code()).map(ReasonCatalogue.Entry::effect).orElse(ReasonCatalogue.Effect.REVIEW);
    }
}
