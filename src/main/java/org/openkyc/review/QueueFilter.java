package org.openkyc.review;

import java.time.Duration;
import java.util.UUID;

/**
 * Which open cases a queue shows; every field null/false means no filter ({@code customerId}: one
 * customer's cases, as the duplicate-SSN evidence links them). {@code minAge} keeps cases
 * waiting at least that long, {@code maxAge} at most. {@code unassigned} wins over {@code assigneeId}.
 * A brand-scoped reviewer sees their brand only, whatever {@code brandId} says. {@code page} counts from 1;
 * {@code perPage} is at most {@link #MAX_PER_PAGE}. The constructor throws IllegalArgumentException, its
 * message fit for the client, on a bad value.
 */
record QueueFilter(UUID brandId, UUID customerId, String reasonCode, ReviewCase.Kind kind, ReviewCase.Status status, Duration minAge, Duration maxAge,
                   UUID assigneeId, boolean unassigned, int page, int perPage) {

    static final int MAX_PER_PAGE = 100;

    QueueFilter {
        if (page < 1 || perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new IllegalArgumentException("page from 1, per page 1 to " + MAX_PER_PAGE);
        }
        if (status == ReviewCase.Status.CLOSED) {
            throw new IllegalArgumentException("the queue holds open cases only");
        }
        reasonCode = reasonCode == null || reasonCode.isBlank() ? null : reasonCode;
        if (reasonCode != null && !reasonCode.matches("[a-z0-9_]{1,60}")) {
            throw new IllegalArgumentException("a reason code is lower-case letters, digits and underscores");
        }
        if (minAge != null && minAge.isNegative() || maxAge != null && maxAge.isNegative()) {
            throw new IllegalArgumentException("an age is not negative");
        }
    }

    /** Every open case the reviewer may see, first page of 50. */
    static QueueFilter all() {
        return new QueueFilter(null, null, null, null, null, null, null, null, false, 1, 50);
    }

    int offset() {
        return (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * perPage);
    }
}
