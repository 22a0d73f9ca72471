package org.openkyc.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A person, as the service keeps them. The SSN is here only as its last four digits, for the masked
 * form, and sealed (encrypted) as read from the row; it is decrypted only when a check needs it.
 */
record Customer(UUID customerId, UUID brandId, String firstName, String middleName, String lastName, LocalDate dob,
                String ssnLast4, String phone, String phoneCountryCode, String email, String brandPersonId,
                String kycStatus, Instant kycPassedAt, int kycRequestsAvailable, Instant dateCreated,
                Instant dateUpdated, List<Address> addresses, String ssnSealed) {

    static final String KYC_PASSED = "passed";

    Customer with(String newSsnLast4, String newSsnSealed, String phone, String phoneCountryCode, String email, Instant now) {
        return new Customer(customerId, brandId, firstName, middleName, lastName, dob, newSsnLast4, phone, phoneCountryCode, email,
                brandPersonId, kycStatus, kycPassedAt, kycRequestsAvailable, dateCreated, now, addresses, newSsnSealed);
    }

    Customer withKyc(String newKycStatus, int newRequestsAvailable) {
        return new Customer(customerId, brandId, firstName, middleName, lastName, dob, ssnLast4, phone, phoneCountryCode, email,
                brandPersonId, newKycStatus, kycPassedAt, newRequestsAvailable, dateCreated, dateUpdated, addresses, ssnSealed);
    }

    @Override
    public String toString() {
        return "Customer[" + customerId + "]";
    }

    /** An attempt is being decided: submitted, or waiting for a reviewer. */
    boolean kycOpen() {
        return "submitted".equals(kycStatus) || "under_review".equals(kycStatus);
    }

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
