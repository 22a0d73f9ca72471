package org.openkyc.review;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.openkyc.verification.Reason;

/**
 * What a reviewer decides on a case: an action, one of the action's reason codes, a note (required
 * where {@link DecisionRules} says), and for {@link Action#REQUEST_DOCUMENTS} which documents.
 */
record Decision(Action action, String reasonCode, String note, List<String> documents) {

    Decision {
        note = note == null || note.isBlank() ? null : note.strip();
        documents = documents == null ? List.of() : List.copyOf(documents);
    }

    static Decision of(Action action, String reasonCode, String note) {
        return new Decision(action, reasonCode, note, List.of());
    }

    /**
     * The actions, the case kind each applies to, and their reason codes. The codes are the reason
     * catalogue's (verification/reasons.tsv, check {@code review}), which gives the sentence the
     * brand sees on the attempt: a code missing there fails this class's initialisation.
     */
    enum Action {
        APPROVE(ReviewCase.Kind.KYC, "passed", "identity_verified", "documents_reviewed", "watchlist_false_positive", "ssn_shared_explained"),
        REJECT(ReviewCase.Kind.KYC, "failed", "identity_not_verified", "documents_invalid", "watchlist_confirmed", "synthetic_identity",
                "fraud_suspected"),
        REQUEST_DOCUMENTS(ReviewCase.Kind.KYC, "document_required", "documents_needed", "identity_unclear"),
        FALSE_POSITIVE(ReviewCase.Kind.MONITORING, null, "watchlist_false_positive"),
        CONFIRMED_MATCH(ReviewCase.Kind.MONITORING, null, "watchlist_confirmed");

        private final ReviewCase.Kind kind;
        private final String kycStatus;
        private final Map<String, String> reasons;

        Action(ReviewCase.Kind kind, String kycStatus, String... reasonCodes) {
            this.kind = kind;
            this.kycStatus = kycStatus;
            this.reasons = Arrays.stream(reasonCodes).collect(Collectors.toUnmodifiableMap(code -> code, code -> Reason.of(code).message()));
        }

        ReviewCase.Kind kind() {
            return kind;
        }

        /** The attempt's state after this action (SPEC §5.3), null for a monitoring action (the customer stays passed). */
        String kycStatus() {
            return kycStatus;
        }

        /** Reason code to the sentence the brand sees. */
        Map<String, String> reasons() {
            return reasons;
        }

        List<String> reasonCodes() {
            return reasons.keySet().stream().sorted().toList();
        }

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Action> fromWire(String value) {
            return Arrays.stream(values()).filter(a -> a.wire().equals(value)).findFirst();
        }

        static List<Action> of(ReviewCase.Kind kind) {
            return Arrays.stream(values()).filter(a -> a.kind == kind).toList();
        }
    }
}
