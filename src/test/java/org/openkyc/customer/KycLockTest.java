package org.openkyc.customer;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openkyc.api.ApiException;

/** SPEC §4's post-KYC lock, on the customer state alone. */
class KycLockTest {

    private static Customer customer(String kycStatus, String email, String firstName, LocalDate dob) {
        return new Customer(UUID.randomUUID(), UUID.randomUUID(), firstName, null, "Doe", dob, "6789", "555-555-5555", "1", email,
                null, kycStatus, null, 3, Instant.EPOCH, Instant.EPOCH, List.of(), null);
    }

    @Test
    void beforeKycPassesEverythingMayChange() {
        Customer before = customer("failed", "a@example.com", "Jane", LocalDate.of(1990, 1, 1));
        Customer after = customer("failed", "b@example.com", "Joan", LocalDate.of(1991, 1, 1));
        assertThatCode(() -> KycLock.checkEdit(before, after, true)).doesNotThrowAnyException();
        assertThatCode(() -> KycLock.checkDelete(before)).doesNotThrowAnyException();
        assertThatCode(() -> KycLock.checkAddressChange(before, true)).doesNotThrowAnyException();
    }

    @Test
    void afterKycPassedContactDetailsMayChange() {
        Customer before = customer("passed", "a@example.com", "Jane", LocalDate.of(1990, 1, 1));
        Customer after = new Customer(before.customerId(), before.brandId(), "Jane", null, "Doe", before.dob(), "6789",
                "555-000-1111", "44", "b@example.com", null, "passed", null, 3, Instant.EPOCH, Instant.EPOCH, List.of(), null);
        assertThatCode(() -> KycLock.checkEdit(before, after, false)).doesNotThrowAnyException();
        assertThatCode(() -> KycLock.checkAddressChange(before, false)).doesNotThrowAnyException();
    }

    @Test
    void afterKycPassedIdentityDataIsLocked() {
        Customer before = customer("passed", "a@example.com", "Jane", LocalDate.of(1990, 1, 1));
        assertRefused(() -> KycLock.checkEdit(before, customer("passed", "a@example.com", "Joan", before.dob()), false));
        assertRefused(() -> KycLock.checkEdit(before, customer("passed", "a@example.com", "Jane", LocalDate.of(1990, 1, 2)), false));
        assertRefused(() -> KycLock.checkEdit(before, before, true));
        assertRefused(() -> KycLock.checkAddressChange(before, true));
        assertRefused(() -> KycLock.checkDelete(before));
    }

    @Test
    void whileAnAttemptIsBeingDecidedIdentityDataIsFrozenToo() {
        for (String open : new String[] {"submitted", "under_review"}) {
            Customer before = customer(open, "a@example.com", "Jane", LocalDate.of(1990, 1, 1));
            assertThatThrownBy(() -> KycLock.checkEdit(before, customer(open, "a@example.com", "Joan", before.dob()), false))
                    .isInstanceOfSatisfying(ApiException.class, e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo("kyc_in_progress"));
            assertThatThrownBy(() -> KycLock.checkDelete(before)).isInstanceOf(ApiException.class);
            assertThatCode(() -> KycLock.checkEdit(before, customer(open, "b@example.com", "Jane", before.dob()), false)).doesNotThrowAnyException();
        }
        Customer waiting = customer("document_required", "a@example.com", "Jane", LocalDate.of(1990, 1, 1));
        assertThatCode(() -> KycLock.checkEdit(waiting, customer("document_required", "a@example.com", "Joan", waiting.dob()), true))
                .as("a customer asked to correct data may do so").doesNotThrowAnyException();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.status().value()).isEqualTo(409);
            org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo("kyc_customer");
            org.assertj.core.api.Assertions.assertThat(e.envelope().message())
                    .isEqualTo("A successfully KYC'd customer may not have their information changed.");
        });
    }
}
