package org.openkyc.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A person, as the service keeps them. The SSN itself is not here: only its last four digits, for
 * the masked form; the full value stays encrypted in the database until a check needs it.
 */
record Customer(UUID customerId, UUID brandId, String firstName, String middleName, String lastName, LocalDate dob,
                String ssnLast4, String phone, String phoneCountryCode, String email, String brandPersonId,
                String kycStatus, Instant kycPassedAt, int kycRequestsAvailable, Instant dateCreated,
                Instant dateUpdated, List<Address> addresses) {

    static final String KYC_PASSED = "passed";

    boolean kycPassed() {
        return KYC_PASSED.equals(kycStatus);
    }

    Address primaryAddress() {
        return addresses.stream().filter(Address::primary).findFirst().orElse(null);
    }

    /** The SSN as the API shows it: {@code XXX-XX-6789}. */
    String maskedSsn() {
        return ssnLast4 == null ? null : "XXX-XX-" + ssnLast4;
    }
}
