package org.openkyc.kyc;

import java.time.Instant;
import java.util.UUID;

/**
 * An attempt left {@code under_review} for {@code status} (passed, failed, document_required), by
 * whatever path: a reviewer's decision or the sandbox simulation. Published synchronously inside the
 * transaction of the state change, so an open review case for it can be closed with it.
 */
public record AttemptLeftReview(UUID kycId, UUID brandId, String status, Instant at) {
}
