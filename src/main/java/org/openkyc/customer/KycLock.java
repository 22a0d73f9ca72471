package org.openkyc.customer;

import java.util.Objects;

import org.openkyc.api.ApiException;

/**
 * SPEC §4: once KYC has passed, only e-mail, phone, phone country code and non-primary addresses
 * may change, and the customer cannot be deleted. The same holds while an attempt is open. Plain rules on the customer's state, so they are
 * tested without a server; the KYC capability sets the state they read.
 */
final class KycLock {

    static final String CODE = "kyc_customer";
    static final String MESSAGE = "A successfully KYC'd customer may not have their information changed.";

    private KycLock() {
    }

    /** Refuses a person edit that changes a locked field; sending a locked field unchanged is fine. */
    static void checkEdit(Customer before, Customer after, boolean ssnChanged) {
        if (!locked(before)) {
            return;
        }
        boolean lockedFieldChanged = ssnChanged
                || !Objects.equals(before.firstName(), after.firstName())
                || !Objects.equals(before.middleName(), after.middleName())
                || !Objects.equals(before.lastName(), after.lastName())
                || !Objects.equals(before.dob(), after.dob())
                || !Objects.equals(before.brandPersonId(), after.brandPersonId());
        if (lockedFieldChanged) {
            throw refused(before);
        }
    }

    /** Adding, changing or removing an address: only non-primary ones, and none may become primary. */
    static void checkAddressChange(Customer customer, boolean touchesPrimary) {
        if (locked(customer) && touchesPrimary) {
            throw refused(customer);
        }
    }

    static void checkDelete(Customer customer) {
        if (locked(customer)) {
            throw refused(customer);
        }
    }

    /**
     * Identity data is also frozen while an attempt is being decided ({@code submitted} or
     * {@code under_review}): otherwise a decision could pass data that was never checked.
     */
    static boolean locked(Customer customer) {
        return customer.kycPassed() || customer.kycOpen();
    }

    private static ApiException refused(Customer customer) {
        if (customer.kycPassed()) {
            return ApiException.conflict(CODE, MESSAGE);
        }
        return ApiException.conflict("kyc_in_progress", "A KYC attempt is being decided for this customer: its identity data "
                + "cannot change, and it cannot be deleted, until the attempt ends.");
    }
}
