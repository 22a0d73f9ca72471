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
        // What the brand sees: the catalogue's sentence for each code, not the check's own wording.
        List<Reason> hits = results.stream().filter(r -> r.outcome() == CheckResult.Outcome.HIT)
                .map(r -> Reason.of(r.reason().code(), r.check())).toList();
        if (hits.stream().anyMatch(r -> effect(r) == ReasonCatalogue.Effect.FAIL)) {
            return new Verdict(Verdict.Kind.FAILED, hits, List.of(), List.of(), null, results);
        }
        if (results.stream().anyMatch(r -> r.outcome() == CheckResult.Outcome.NOT_RUN)) {
            List<Reason> why = results.stream().filter(r -> r.outcome() == CheckResult.Outcome.NOT_RUN).map(CheckResult::reason).toList();
            return new Verdict(Verdict.Kind.RETRY, why, List.of(), List.of(), null, results);
        }
        Set<String> fields = new LinkedHashSet<>();
        Set<String> documents = new LinkedHashSet<>();
        Set<String> sentences = new LinkedHashSet<>();
        for (Reason reason : hits) {
            ReasonCatalogue.find(reason.code()).filter(e -> e.effect() == ReasonCatalogue.Effect.REENTER).ifPresent(entry -> {
                fields.add(entry.field());
                documents.addAll(entry.documents());
                sentences.add(entry.sentence());
            });
        }
        if (!fields.isEmpty()) {
            List<String> ordered = new ArrayList<>(DOCUMENT_ORDER);
            ordered.retainAll(documents);
            return new Verdict(Verdict.Kind.DOCUMENT_REQUIRED, hits, ordered, List.copyOf(fields), description(sentences, fields), results);
        }
        if (hits.stream().anyMatch(r -> effect(r) == ReasonCatalogue.Effect.REVIEW)) {
            return new Verdict(Verdict.Kind.UNDER_REVIEW, hits, List.of(), List.of(), null, results);
        }
        List<Reason> standing = hits.stream().filter(r -> effect(r) != ReasonCatalogue.Effect.NOTE).toList();
        return standing.isEmpty()
                ? new Verdict(Verdict.Kind.PASSED, List.of(), List.of(), List.of(), null, results)
                : new Verdict(Verdict.Kind.UNDER_REVIEW, hits, List.of(), List.of(), null, results);
    }

    /**
     * SPEC §8.3, once the requested documents are in: a licence that was read, matches and had not
     * expired (notes aside) clears every reason the documents were requested for whose catalogue
     * entry names a government id among the documents that clear it. Passed when that leaves
     * nothing standing; else under review with the licence's findings and what still stands.
     */
    static Verdict afterDocuments(List<CheckResult> licence, List<Reason> requestedFor) {
        List<Reason> findings = licence.stream().filter(r -> r.outcome() == CheckResult.Outcome.HIT)
                .map(r -> Reason.of(r.reason().code(), r.check())).toList();
        boolean clears = findings.stream().allMatch(r -> effect(r) == ReasonCatalogue.Effect.NOTE);
        List<Reason> standing = requestedFor.stream().filter(r -> !clearedByGovernmentId(r)).toList();
        if (clears && standing.isEmpty()) {
            return new Verdict(Verdict.Kind.PASSED, List.of(Reason.of("documents_verified")), List.of(), List.of(), null, licence);
        }
        // The reviewer sees the licence's findings and, when it did not clear them, why the documents were asked for.
        List<Reason> reasons = new ArrayList<>(findings);
        reasons.addAll(clears ? standing : requestedFor);
        return new Verdict(Verdict.Kind.UNDER_REVIEW, List.copyOf(reasons), List.of(), List.of(), null, licence);
    }

    private static boolean clearedByGovernmentId(Reason reason) {
        return ReasonCatalogue.find(reason.code())
                .filter(e -> e.effect() == ReasonCatalogue.Effect.NOTE
                        || e.effect() == ReasonCatalogue.Effect.REENTER && e.documents().contains("government_id"))
                .isPresent();
    }

    /** The {@code reenter_information} event's description: what looked wrong, in the catalogue's words, and what to do. */
    private static String description(Set<String> sentences, Set<String> fields) {
        return String.join(" ", sentences) + " Check " + String.join(", ", fields)
                + " and submit again, or upload the requested documents.";
    }

    private static ReasonCatalogue.Effect effect(Reason reason) {
        return ReasonCatalogue.find(reason.code()).map(ReasonCatalogue.Entry::effect).orElse(ReasonCatalogue.Effect.REVIEW);
    }
}
