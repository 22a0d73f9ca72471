package org.openkyc.review;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * Whether a reviewer may take a decision on a case, and what it does (SPEC §10): plain rules,
 * without the database, tested by a table. In order: the case must be open; the action must be one
 * of the case's kind, with one of its reason codes; a note is required to reject, and to approve a
 * watchlist or duplicate-identity case; clearing a watchlist potential match (approve, or false
 * positive for monitoring) takes four eyes: a first approval is recorded, and a supervisor who is not
 * its author completes it. While a first approval waits, only such a supervisor decides the case.
 * A case claimed by (or assigned to) another reviewer is theirs to decide: anyone else is refused
 * {@code case_claimed_by_other}, except a supervisor, who may decide over the claim (the desk
 * records whose claim was overridden). A claim by the first approver does not hold a case that waits
 * for its second approval: that approver's part is done.
 */
final class DecisionRules {

    static final int MAX_NOTE = 4000;

    private DecisionRules() {
    }

    /** What a decision does, or why it is refused ({@code status}, {@code code}, {@code message} for the error envelope). */
    record Ruling(Effect effect, HttpStatus status, String code, String message) {

        enum Effect { REFUSED, FIRST_APPROVAL, FINAL }

        static Ruling refused(HttpStatus status, String code, String message) {
            return new Ruling(Effect.REFUSED, status, code, message);
        }

        static final Ruling FIRST = new Ruling(Effect.FIRST_APPROVAL, null, null, null);
        static final Ruling DONE = new Ruling(Effect.FINAL, null, null, null);

        boolean refused() {
            return effect == Effect.REFUSED;
        }
    }

    static Ruling rule(ReviewCase c, Reviewer who, Decision d) {
        if (c.closed()) {
            return Ruling.refused(HttpStatus.CONFLICT, "case_closed", "This case is already closed" + closedBy(c) + ".");
        }
        Ruling invalid = invalid(c, d);
        if (invalid != null) {
            return invalid;
        }
        if (d.note() == null && noteRequired(c, d.action())) {
            return Ruling.refused(HttpStatus.BAD_REQUEST, "review_note_required", noteReason(c, d.action()));
        }
        if (claimedByOther(c, who) && !who.supervisor()) {
            return Ruling.refused(HttpStatus.CONFLICT, "case_claimed_by_other", "This case is claimed by " + c.assigneeName()
                    + ": only they, or a supervisor, can decide it. Ask them or a supervisor to release or reassign it.");
        }
        if (c.status() == ReviewCase.Status.PENDING_APPROVAL) {
            Ruling second = secondPerson(c, who);
            return second != null ? second : Ruling.DONE;
        }
        return needsFourEyes(c, d.action()) ? Ruling.FIRST : Ruling.DONE;
    }

    /**
     * Whether the case is held by a claim of someone other than this reviewer: a supervisor deciding
     * such a case overrides the claim. The first approver's claim no longer holds once the case waits
     * for its second approval.
     */
    static boolean claimedByOther(ReviewCase c, Reviewer who) {
        if (c.assigneeId() == null || c.assigneeId().equals(who.reviewerId())) {
            return false;
        }
        return !(c.status() == ReviewCase.Status.PENDING_APPROVAL && c.firstApproval() != null
                && c.assigneeId().equals(c.firstApproval().reviewerId()));
    }

    /** The actions this reviewer could take on the case now (what a page offers). */
    static List<Decision.Action> available(ReviewCase c, Reviewer who) {
        if (c.closed() || (claimedByOther(c, who) && !who.supervisor())
                || (c.status() == ReviewCase.Status.PENDING_APPROVAL && secondPerson(c, who) != null)) {
            return List.of();
        }
        return Decision.Action.of(c.kind());
    }

    static boolean noteRequired(ReviewCase c, Decision.Action action) {
        return switch (action) {
            case REJECT, FALSE_POSITIVE, CONFIRMED_MATCH -> true;
            case APPROVE -> c.watchlist() || c.duplicateIdentity();
            case REQUEST_DOCUMENTS -> false;
        };
    }

    static boolean needsFourEyes(ReviewCase c, Decision.Action action) {
        return c.watchlist() && (action == Decision.Action.APPROVE || action == Decision.Action.FALSE_POSITIVE);
    }

    private static Ruling invalid(ReviewCase c, Decision d) {
        Decision.Action action = d.action();
        if (action == null || action.kind() != c.kind()) {
            return Ruling.refused(HttpStatus.BAD_REQUEST, "review_decision_invalid", "A " + c.kind().wire() + " case is decided by one of: "
                    + String.join(", ", Decision.Action.of(c.kind()).stream().map(Decision.Action::wire).toList()) + ".");
        }
        if (d.reasonCode() == null || !action.reasons().containsKey(d.reasonCode())) {
            return Ruling.refused(HttpStatus.BAD_REQUEST, "review_decision_invalid", "The reason code of " + action.wire() + " must be one of: "
                    + String.join(", ", action.reasonCodes()) + ".");
        }
        if (d.note() != null && d.note().length() > MAX_NOTE) {
            return Ruling.refused(HttpStatus.BAD_REQUEST, "review_decision_invalid", "The note is longer than " + MAX_NOTE + " characters.");
        }
        if (action == Decision.Action.REQUEST_DOCUMENTS) {
            if (d.documents().isEmpty() || !org.openkyc.kyc.ReviewOutcomes.REQUESTABLE_DOCUMENTS.containsAll(d.documents())
                    || d.documents().stream().distinct().count() != d.documents().size()) {
                return Ruling.refused(HttpStatus.BAD_REQUEST, "review_decision_invalid", "Request one or more different documents of: "
                        + String.join(", ", org.openkyc.kyc.ReviewOutcomes.REQUESTABLE_DOCUMENTS) + ".");
            }
        } else if (!d.documents().isEmpty()) {
            return Ruling.refused(HttpStatus.BAD_REQUEST, "review_decision_invalid", "Documents are named only to request documents.");
        }
        return null;
    }

    /** A case with a first approval waits for a supervisor who is not its author; null when this reviewer is one. */
    private static Ruling secondPerson(ReviewCase c, Reviewer who) {
        if (!who.supervisor()) {
            return Ruling.refused(HttpStatus.FORBIDDEN, "review_supervisor_required", "A first approval of this watchlist match is in: "
                    + "a supervisor completes the decision.");
        }
        if (c.firstApproval() != null && c.firstApproval().reviewerId().equals(who.reviewerId())) {
            return Ruling.refused(HttpStatus.FORBIDDEN, "review_four_eyes", "You gave the first approval of this watchlist match: "
                    + "another supervisor completes the decision (four eyes).");
        }
        return null;
    }

    private static String noteReason(ReviewCase c, Decision.Action action) {
        String what = switch (action) {
            case APPROVE -> "approve a " + (c.watchlist() ? "watchlist" : "duplicate-identity") + " case";
            case REJECT -> "reject";
            case FALSE_POSITIVE -> "dismiss a match as a false positive";
            case CONFIRMED_MATCH -> "confirm a match";
            case REQUEST_DOCUMENTS -> "request documents";
        };
        return "A note is required to " + what + ": say why.";
    }

    private static String closedBy(ReviewCase c) {
        ReviewCase.Outcome o = c.outcome();
        if (o == null) {
            return "";
        }
        String decision = o.decision().replace('_', ' ');
        return o.username() == null ? " (" + decision + ")" : " (" + decision + " by " + o.username() + ")";
    }
}
