package org.openkyc.kyc;

import java.util.Locale;

/** The states of a KYC attempt (SPEC §5.3), plus {@code superseded} for a replaced attempt. */
enum KycStatus {
    SUBMITTED("kyc.verification.submitted"),
    PASSED("kyc.verification.success"),
    FAILED("kyc.verification.failure"),
    DOCUMENT_REQUIRED("kyc.verification.document_required"),
    UNDER_REVIEW("kyc.verification.under_review"),
    ERROR("kyc.verification.error"),
    EXPIRED("kyc.verification.timeout"),
    /** A waiting {@code document_required} attempt replaced by a new one: never shown, no event. */
    SUPERSEDED(null);

    private final String event;

    KycStatus(String event) {
        this.event = event;
    }

    /** The event sent on entering this state, or null. */
    public String event() {
        return event;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KycStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** An attempt in one of these states blocks a new one (SPEC §5.1 kyc_in_progress). */
    public boolean inProgress() {
        return this == SUBMITTED || this == UNDER_REVIEW;
    }

    /** The customer may start a new attempt after one in this state. */
    public boolean allowsNewAttempt() {
        return this == DOCUMENT_REQUIRED || this == FAILED || this == ERROR || this == EXPIRED;
    }
}
