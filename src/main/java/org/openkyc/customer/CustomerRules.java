package org.openkyc.customer;

import org.openkyc.api.BodyField;

/** The customer fields that other bodies take too (SPEC §5.1), defined once in {@link CustomerSchema}. */
public final class CustomerRules {

    public static final BodyField SSN = CustomerSchema.SSN_FIELD;
    public static final BodyField PHONE = CustomerSchema.PHONE_FIELD;
    public static final BodyField PHONE_COUNTRY_CODE = CustomerSchema.PHONE_COUNTRY_CODE_FIELD;
    public static final BodyField EMAIL = CustomerSchema.EMAIL_FIELD;

    private CustomerRules() {
    }
}
