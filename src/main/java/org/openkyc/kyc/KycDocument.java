package org.openkyc.kyc;

/** A document requested for an attempt, and whether it is in. */
record KycDocument(String documentType, String status) {

    static final String REQUIRED = "required";
    static final String SUBMITTED = "submitted";

    boolean submitted() {
        return SUBMITTED.equals(status);
    }
}
