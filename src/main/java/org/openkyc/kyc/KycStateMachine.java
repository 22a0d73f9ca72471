package org.openkyc.kyc;

import static org.openkyc.kyc.KycStatus.DOCUMENT_REQUIRED;
import static org.openkyc.kyc.KycStatus.ERROR;
import static org.openkyc.kyc.KycStatus.EXPIRED;
import static org.openkyc.kyc.KycStatus.FAILED;
import static org.openkyc.kyc.KycStatus.PASSED;
import static org.openkyc.kyc.KycStatus.SUBMITTED;
import static org.openkyc.kyc.KycStatus.SUPERSEDED;
import static org.openkyc.kyc.KycStatus.UNDER_REVIEW;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which transitions an attempt may make, and which events each one emits (SPEC §5.3). The one
 * place that knows: every state change goes through {@link #transition}.
 */
final class KycStateMachine {

    private static final Map<KycStatus, Set<KycStatus>> NEXT = Map.of(
            SUBMITTED, EnumSet.of(PASSED, FAILED, DOCUMENT_REQUIRED, UNDER_REVIEW, ERROR, EXPIRED),
            DOCUMENT_REQUIRED, EnumSet.of(UNDER_REVIEW, PASSED, FAILED, EXPIRED, SUPERSEDED),
            UNDER_REVIEW, EnumSet.of(PASSED, FAILED, DOCUMENT_REQUIRED),
            PASSED, EnumSet.noneOf(KycStatus.class),
            FAILED, EnumSet.noneOf(KycStatus.class),
            ERROR, EnumSet.noneOf(KycStatus.class),
            EXPIRED, EnumSet.noneOf(KycStatus.class),
            SUPERSEDED, EnumSet.noneOf(KycStatus.class));

    public static final String REENTER_INFORMATION = "kyc.verification.reenter_information";

    private KycStateMachine() {
    }

    public static boolean allowed(KycStatus from, KycStatus to) {
        return NEXT.get(from).contains(to);
    }

    public static Set<KycStatus> next(KycStatus from) {
        return Set.copyOf(NEXT.get(from));
    }

    /**
     * The events a transition emits, in order. Entering {@code document_required} because data
     * looked wrong also asks the customer to re-enter it.
     *
     * @throws IllegalStateException for a transition that does not exist
     */
    public static List<String> transition(KycStatus from, KycStatus to, boolean reenterInformation) {
        if (!allowed(from, to)) {
            throw new IllegalStateException("no transition " + from.wire() + " -> " + to.wire());
        }
        if (to.event() == null) {
            return List.of();
        }
        return to == DOCUMENT_REQUIRED && reenterInformation ? List.of(to.event(), REENTER_INFORMATION) : List.of(to.event());
    }

    /** The event of a newly started attempt. */
    public static String started() {
        return SUBMITTED.event();
    }
}
