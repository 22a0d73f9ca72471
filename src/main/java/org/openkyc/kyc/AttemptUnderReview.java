package org.openkyc.kyc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.openkyc.verification.Reason;

/**
 * An attempt entered {@code under_review} (SPEC §10), with the reasons that sent it there. Published
 * synchronously inside the transaction of the state change, so whoever opens a review case for it
 * does so in that same transaction (a listener that fails rolls the change back).
 */
public record AttemptUnderReview(UUID kycId, UUID brandId, UUID customerId, UUID programId, List<Reason> reasons, Instant at) {
}
