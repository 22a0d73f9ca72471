package org.openkyc.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A customer as KYC sees them: everything the checks need, the full SSN included. Never returned
 * by the API and never logged.
 */
public record KycSubject(UUID customerId, UUID brandId, String firstName, String middleName, String lastName, LocalDate dob,
                         String ssn, String phone, String phoneCountryCode, String email, String kycStatus,
                         Instant kycPassedAt, int kycRequestsAvailable, List<PostalAddress> addresses) {

    public record PostalAddress(String addressType, String street, String street2, String city, String state, String zipCode,
                                String country, boolean primary) {
    }

    @Override
    public String toString() {
        return "KycSubject[" + customerId + "]";
    }
}
