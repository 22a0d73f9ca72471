package org.openkyc.review;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.openkyc.api.ApiException;

/**
 * Reads the console's and the review API's query values and decision fields into the desk's
 * filters and decisions: one reading for both, every bad value a 400 in the envelope.
 */
final class ReviewRequests {

    private ReviewRequests() {
    }

    /**
     * The queue's filters. {@code assignee}: {@code me}, {@code none} (unassigned) or a reviewer id;
     * ages in whole minutes; {@code customer}: one customer's cases (a customer id).
     */
    static QueueFilter queue(ReviewerPrincipal me, String brand, String customer, String reason, String kind, String minAgeMinutes,
                             String maxAgeMinutes, String assignee, String page, String perPage) {
        UUID assigneeId = null;
        boolean unassigned = false;
        if ("me".equals(assignee)) {
            assigneeId = me.reviewerId();
        } else if ("none".equals(assignee)) {
            unassigned = true;
        } else if (blank(assignee) == null) {
            assigneeId = null;
        } else {
            assigneeId = uuid("assignee", assignee);
        }
        try {
            return new QueueFilter(uuid("brand_id", brand), uuid("customer_id", customer), blank(reason), kind(kind), null, minutes("min_age_minutes", minAgeMinutes),
                    minutes("max_age_minutes", maxAgeMinutes), assigneeId, unassigned, number("page", page, 1),
                    number("per_page", perPage, 50));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    static AuditFilter audit(String brand, String caseId, String reviewer, String action, String from, String to, String page, String perPage) {
        try {
            return new AuditFilter(uuid("brand_id", brand), uuid("case_id", caseId), uuid("reviewer_id", reviewer), blank(action),
                    instant("from", from), instant("to", to), number("page", page, 1), number("per_page", perPage, 100));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /** A decision; {@code documents} only for request_documents. Its rules (reason codes, notes, four eyes) are the desk's. */
    static Decision decision(String action, String reasonCode, String note, List<String> documents) {
        Decision.Action parsed = Decision.Action.fromWire(action == null ? "" : action)
                .orElseThrow(() -> ApiException.badRequest("review_decision_invalid",
                        "action must be one of: approve, reject, request_documents, false_positive, confirmed_match."));
        if (note != null && note.length() > DecisionRules.MAX_NOTE) {
            throw ApiException.badRequest("review_decision_invalid", "The note is longer than " + DecisionRules.MAX_NOTE + " characters.");
        }
        return new Decision(parsed, reasonCode, note, documents);
    }

    static int version(String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("review_decision_invalid", "version must be the case version you saw (a whole number).");
        }
    }

    static UUID uuid(String name, String value) {
        if (blank(value) == null) {
            return null;
        }
        try {
            if (value.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid(name + " must be a UUID.");
        }
    }

    private static ReviewCase.Kind kind(String value) {
        if (blank(value) == null) {
            return null;
        }
        return switch (value) {
            case "kyc" -> ReviewCase.Kind.KYC;
            case "monitoring" -> ReviewCase.Kind.MONITORING;
            default -> throw invalid("kind must be kyc or monitoring.");
        };
    }

    private static Duration minutes(String name, String value) {
        return blank(value) == null ? null : Duration.ofMinutes(number(name, value, 0));
    }

    static final int MAX_NUMBER = 1_000_000;

    private static int number(String name, String value, int otherwise) {
        if (blank(value) == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.trim());
            // A bound, so that page × per_page stays an int offset (a page past it is empty anyway).
            if (n < 0 || n > MAX_NUMBER) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid(name + " must be a whole number from 0 to " + MAX_NUMBER + ".");
        }
    }

    private static Instant instant(String name, String value) {
        if (blank(value) == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be a time like 2026-12-01T12:00:00Z.");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest("review_query_invalid", message);
    }
}
