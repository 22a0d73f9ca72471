package org.openkyc.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A customer as a reviewer sees them (SPEC §10): the SSN masked ({@code XXX-XX-6789}), never
 * decrypted for this view. Never logged.
 */
public record CustomerProfile(UUID customerId, UUID brandId, String firstName, String middleName, String lastName, LocalDate dob,
                              String maskedSsn, String phone, String phoneCountryCode, String email, String kycStatus,
                              Instant kycPassedAt, List<KycSubject.PostalAddress> addresses, Instant dateCreated) {

    @Override
    public String toString() {
        return "CustomerProfile[" + customerId + "]";
    }
}
