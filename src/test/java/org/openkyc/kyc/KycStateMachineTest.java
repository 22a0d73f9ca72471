package org.openkyc.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every transition of SPEC §5.3 that exists, and that none other does. */
class KycStateMachineTest {

    @Test
    void eachStateEmitsItsEvent() {
        assertThat(KycStateMachine.started()).isEqualTo("kyc.verification.submitted");
        assertThat(KycStateMachine.transition(KycStatus.SUBMITTED, KycStatus.PASSED, false)).containsExactly("kyc.verification.success");
        assertThat(KycStateMachine.transition(KycStatus.SUBMITTED, KycStatus.FAILED, false)).containsExactly("kyc.verification.failure");
        assertThat(KycStateMachine.transition(KycStatus.SUBMITTED, KycStatus.UNDER_REVIEW, false)).containsExactly("kyc.verification.under_review");
        assertThat(KycStateMachine.transition(KycStatus.SUBMITTED, KycStatus.ERROR, false)).containsExactly("kyc.verification.error");
        assertThat(KycStateMachine.transition(KycStatus.SUBMITTED, KycStatus.EXPIRED, false)).containsExactly("kyc.verification.timeout");
        assertThat(KycStateMachine.transition(KycStatus.SUBMITTED, KycStatus.DOCUMENT_REQUIRED, false))
                .containsExactly("kyc.verification.document_required");
        assertThat(KycStateMachine.transition(KycStatus.SUBMITTED, KycStatus.DOCUMENT_REQUIRED, true))
                .containsExactly("kyc.verification.document_required", "kyc.verification.reenter_information");
        assertThat(KycStateMachine.transition(KycStatus.DOCUMENT_REQUIRED, KycStatus.SUPERSEDED, false)).isEmpty();
    }

    @Test
    void onlyTheContractsTransitionsExist() {
        var expected = java.util.Map.of(
                KycStatus.SUBMITTED, EnumSet.of(KycStatus.PASSED, KycStatus.FAILED, KycStatus.DOCUMENT_REQUIRED, KycStatus.UNDER_REVIEW,
                        KycStatus.ERROR, KycStatus.EXPIRED),
                KycStatus.DOCUMENT_REQUIRED, EnumSet.of(KycStatus.UNDER_REVIEW, KycStatus.PASSED, KycStatus.FAILED, KycStatus.EXPIRED,
                        KycStatus.SUPERSEDED),
                KycStatus.UNDER_REVIEW, EnumSet.of(KycStatus.PASSED, KycStatus.FAILED, KycStatus.DOCUMENT_REQUIRED));
        for (KycStatus from : KycStatus.values()) {
            for (KycStatus to : KycStatus.values()) {
                boolean allowed = expected.getOrDefault(from, EnumSet.noneOf(KycStatus.class)).contains(to);
                assertThat(KycStateMachine.allowed(from, to)).as(from + " -> " + to).isEqualTo(allowed);
                if (!allowed) {
                    assertThatThrownBy(() -> KycStateMachine.transition(from, to, false)).isInstanceOf(IllegalStateException.class);
                }
            }
        }
    }

    @Test
    void terminalAndRetryableStates() {
        assertThat(List.of(KycStatus.values())).filteredOn(KycStatus::inProgress).containsExactlyInAnyOrder(KycStatus.SUBMITTED, KycStatus.UNDER_REVIEW);
        assertThat(List.of(KycStatus.values())).filteredOn(KycStatus::allowsNewAttempt)
                .containsExactlyInAnyOrder(KycStatus.DOCUMENT_REQUIRED, KycStatus.FAILED, KycStatus.ERROR, KycStatus.EXPIRED);
        assertThat(KycStateMachine.next(KycStatus.PASSED)).isEmpty();
    }
}
