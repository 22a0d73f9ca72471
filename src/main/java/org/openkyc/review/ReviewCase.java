package org.openkyc.review;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.openkyc.verification.Reason;

/**
 * A review case: an attempt in {@code under_review} ({@link Kind#KYC}) or a potential match raised
 * by ongoing monitoring ({@link Kind#MONITORING}). {@code version} grows with every change; a
 * decision names the version the reviewer saw.
 */
record ReviewCase(UUID caseId, UUID brandId, UUID customerId, Kind kind, UUID kycId, UUID hitId, List<String> reasonCodes,
                  List<Reason> reasons, Status status, UUID assigneeId, String assigneeName, Instant assignedAt,
                  Approval firstApproval, Outcome outcome, int version, Instant openedAt, Instant dateUpdated) {

    /** Reason codes that make a case a watchlist potential match (four eyes to clear it). */
    static final String WATCHLIST_POTENTIAL_MATCH = "watchlist_potential_match";
    static final String WATCHLIST_MATCH = "watchlist_match";
    static final String SSN_SHARED = "ssn_shared";

    enum Kind {
        KYC, MONITORING;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    enum Status {
        /** Waiting for a decision. */
        OPEN,
        /** A first approval of a watchlist match is in; a supervisor who is not its author completes it. */
        PENDING_APPROVAL,
        CLOSED;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status fromWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    /** The first of the two approvals a watchlist match needs. */
    record Approval(UUID reviewerId, String username, String reasonCode, String note, Instant at) {
    }

    /**
     * How the case closed: a reviewer's decision ({@code decision} is the action's wire name), or
     * {@code closed_elsewhere} with no reviewer (the attempt left review by another path).
     */
    record Outcome(String decision, String reasonCode, String note, UUID reviewerId, String username, Instant at) {
    }

    boolean closed() {
        return status == Status.CLOSED;
    }

    /** A watchlist potential match: clearing it takes four eyes. */
    boolean watchlist() {
        return reasonCodes.contains(WATCHLIST_POTENTIAL_MATCH) || reasonCodes.contains(WATCHLIST_MATCH);
    }

    boolean duplicateIdentity() {
        return reasonCodes.contains(SSN_SHARED);
    }

    Duration waited(Instant now) {
        Instant end = outcome != null ? outcome.at() : now;
        return end.isBefore(openedAt) ? Duration.ZERO : Duration.between(openedAt, end);
    }
}
