package org.openkyc.review;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One line of the reviewers' audit trail: who ({@code reviewerId}, {@code reviewerName}), when, from
 * where (the client address), what ({@code action} and {@code detail}), on which case. Never changed
 * once written. {@code seq} orders the trail.
 */
record AuditEntry(long seq, UUID auditId, Instant occurredAt, UUID reviewerId, String reviewerName, String clientAddress, String action,
                  UUID brandId, UUID caseId, UUID customerId, Map<String, Object> detail) {

    static final String CASE_VIEWED = "case_viewed";
    static final String DOCUMENT_VIEWED = "document_viewed";
    static final String CASE_CLAIMED = "case_claimed";
    static final String CASE_ASSIGNED = "case_assigned";
    static final String CASE_RELEASED = "case_released";
    static final String FIRST_APPROVAL = "first_approval";
    static final String DECISION = "decision";
    static final String AUDIT_EXPORTED = "audit_exported";
}
