package org.openkyc.program;

import java.time.Instant;
import java.util.UUID;

/** A brand's card or account program and its KYC policy. */
public record Program(UUID programId, UUID brandId, String name, KycPolicy kycPolicy, boolean isDefault,
                      Instant dateCreated, Instant dateUpdated) {
}
