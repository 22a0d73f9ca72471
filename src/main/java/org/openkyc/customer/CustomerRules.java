package org.openkyc.customer;

import org.openkyc.api.Rule;

/** The customer field formats, for other bodies that take the same fields (SPEC §5.1). */
public final class CustomerRules {

    public static final Rule<String> SSN = Rule.pattern(CustomerSchema.SSN);
    public static final Rule<String> PHONE = Rule.pattern(CustomerSchema.PHONE);
    public static final Rule<String> PHONE_COUNTRY_CODE = Rule.pattern(CustomerSchema.PHONE_COUNTRY_CODE);
    public static final Rule<String> EMAIL = CustomerSchema.EMAIL_RULE;

    private CustomerRules() {
    }
}
