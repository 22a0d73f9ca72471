package org.openkyc.customer;

import java.util.Objects;

import org.openkyc.api.ApiException;

/**
 * SPEC §4: once KYC has passed, only e-mail, phone, phone country code and non-primary addresses
 * may change, and the customer cannot be deleted. Plain rules on the customer's state, so they are
 * tested without a server; the KYC capability sets the state they read.
 */
final class KycLock {

    static final String CODE = "kyc_customer";
    static final String MESSAGE = "A successfully KYC'd customer may not have their information changed.";

    private KycLock() {
    }

    /** Refuses a person edit that changes a locked field; sending a locked field unchanged is fine. */
    static void checkEdit(Customer before, Customer after, boolean ssnChanged) {
        if (!before.kycPassed()) {
            return;
        }
        boolean lockedFieldChanged = ssnChanged
                || !Objects.equals(before.firstName(), after.firstName())
                || !Objects.equals(before.middleName(), after.middleName())
                || !Objects.equals(before.lastName(), after.lastName())
                || !Objects.equals(before.dob(), after.dob())
                || !Objects.equals(before.brandPersonId(), after.brandPersonId());
        if (lockedFieldChanged) {
            throw refused();
        }
    }

    /** Adding, changing or removing an address: only non-primary ones, and none may become primary. */
    static void checkAddressChange(Customer customer, boolean touchesPrimary) {
        if (customer.kycPassed() && touchesPrimary) {
            throw refused();
        }
    }

    static void checkDelete(Customer customer) {
        if (customer.kycPassed()) {
            throw refused();
        }
    }

    private static ApiException refused() {
        return ApiException.conflict(CODE, MESSAGE);
    }
}
