package org.openkyc.review;

import java.time.Instant;
import java.util.UUID;

/**
 * Which audit lines to list or export; null means no filter. {@code from} inclusive, {@code to}
 * exclusive. Brand-scoped reviewers see their brand's lines only. {@code page} counts from 1,
 * {@code perPage} at most {@link #MAX_PER_PAGE} (an export ignores both: it writes every line). The
 * constructor throws IllegalArgumentException, its message fit for the client, on a bad value.
 */
record AuditFilter(UUID brandId, UUID caseId, UUID reviewerId, String action, Instant from, Instant to, int page, int perPage) {

    static final int MAX_PER_PAGE = 500;

    AuditFilter {
        if (page < 1 || perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new IllegalArgumentException("page from 1, per page 1 to " + MAX_PER_PAGE);
        }
        action = action == null || action.isBlank() ? null : action;
        if (action != null && !action.matches("[a-z_]{1,40}")) {
            throw new IllegalArgumentException("an action is lower-case letters and underscores");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }

    static AuditFilter all() {
        return new AuditFilter(null, null, null, null, null, null, 1, 100);
    }

    static AuditFilter ofCase(UUID caseId) {
        return new AuditFilter(null, caseId, null, null, null, null, 1, MAX_PER_PAGE);
    }
}
