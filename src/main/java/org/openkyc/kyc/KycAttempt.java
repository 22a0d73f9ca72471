package org.openkyc.kyc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.openkyc.verification.Reason;

/** One KYC attempt of a customer under a program. */
record KycAttempt(UUID kycId, UUID brandId, UUID customerId, UUID programId, KycStatus status, String ip, List<String> fields,
                  List<Reason> reasons, String description, Instant evalDueAt, int evalCount, Instant documentsDueAt,
                  Instant passedAt, Instant dateCreated, Instant dateUpdated) {

    KycAttempt with(KycStatus newStatus, List<String> newFields, List<Reason> newReasons, String newDescription,
                    Instant newEvalDueAt, Instant newDocumentsDueAt, Instant newPassedAt, Instant now) {
        return new KycAttempt(kycId, brandId, customerId, programId, newStatus, ip, newFields, newReasons, newDescription,
                newEvalDueAt, evalCount, newDocumentsDueAt, newPassedAt, dateCreated, now);
    }
}
