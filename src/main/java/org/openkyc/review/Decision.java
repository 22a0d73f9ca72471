package org.openkyc.review;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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

    /** The actions, the case kind each applies to, and their reason codes with the sentence the brand sees on the attempt. */
    enum Action {
        APPROVE(ReviewCase.Kind.KYC, "passed", Map.of(
                "identity_verified", "A reviewer verified the customer's identity.",
                "documents_verified", "A reviewer verified the customer's documents.",
                "watchlist_false_positive", "A reviewer found that the watchlist candidate is not the customer.",
                "ssn_shared_explained", "A reviewer found the shared SSN explained.")),
        REJECT(ReviewCase.Kind.KYC, "failed", Map.of(
                "identity_not_verified", "A reviewer could not verify the customer's identity.",
                "documents_invalid", "A reviewer found the customer's documents invalid or not matching.",
                "watchlist_confirmed", "A reviewer confirmed that the customer matches a sanctions-list entry.",
                "synthetic_identity", "A reviewer found signs of a synthetic or stolen identity.",
                "fraud_suspected", "A reviewer suspects fraud.")),
        REQUEST_DOCUMENTS(ReviewCase.Kind.KYC, "document_required", Map.of(
                "documents_needed", "A reviewer needs documents to decide.",
                "identity_unclear", "A reviewer needs documents to confirm the customer's identity.")),
        FALSE_POSITIVE(ReviewCase.Kind.MONITORING, null, Map.of(
                "watchlist_false_positive", "A reviewer found that the watchlist entry is not the customer.")),
        CONFIRMED_MATCH(ReviewCase.Kind.MONITORING, null, Map.of(
                "watchlist_confirmed", "A reviewer confirmed that the customer matches a sanctions-list entry."));

        private final ReviewCase.Kind kind;
        private final String kycStatus;
        private final Map<String, String> reasons;

        Action(ReviewCase.Kind kind, String kycStatus, Map<String, String> reasons) {
            this.kind = kind;
            this.kycStatus = kycStatus;
            this.reasons = reasons;
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
