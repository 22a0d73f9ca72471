package org.openkyc.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * SPEC §5.5 on the server's clock: a live evaluator renews its short lease while it works, so no
 * other evaluator can take the attempt, but only up to the evaluation deadline: an evaluation stuck
 * past it is let go and taken again. The evaluation here is stuck in the sandbox's simulated
 * provider wait (real time) while the test moves the server's clock.
 */
@Import({MutableClock.Config.class, DyingEvaluator.class})
@TestPropertySource(properties = {"openkyc.kyc.evaluation-lease=3s", "openkyc.kyc.evaluation-deadline=15s", "openkyc.kyc.sandbox-delay=30s"})
class KycEvaluationDeadlineTest extends ApiTestBase {

    @Autowired
    MutableClock clock;
    @Autowired
    DyingEvaluator another;
    @Autowired
    KycProperties properties;
    @Autowired
    MeterRegistry meters;

    private Instant leasedUntil(String customerId) {
        return jdbc.sql("SELECT leased_until FROM kyc_attempt WHERE customer_id = ?").param(UUID.fromString(customerId))
                .query(OffsetDateTime.class).single().toInstant();
    }

    @Test
    void aLiveEvaluationKeepsItsAttemptUntilTheEvaluationDeadlineAndNotLonger() {
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        assertThat(startKyc(brand, customerId, "123-45-6780").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("openkyc.kyc.evaluations.held").gauge().value() == 1);
        Instant claimedAt = clock.instant();
        Instant deadline = claimedAt.plus(properties.evaluationDeadline());
        Duration step = properties.evaluationLease().minusMillis(500);

        // Each step alone would outlast a lease that was not renewed.
        while (clock.instant().plus(step).isBefore(deadline)) {
            clock.advance(step);
            Instant now = clock.instant();
            await().atMost(Duration.ofSeconds(10)).until(() -> leasedUntil(customerId).isAfter(now.plus(step)));
            assertThat(another.claim()).as("renewed at " + Duration.between(claimedAt, now)).isZero();
        }
        assertThat(Duration.between(claimedAt, clock.instant())).as("held for several leases").isGreaterThan(properties.evaluationLease().multipliedBy(3));

        clock.advance(Duration.between(clock.instant(), deadline).plus(properties.evaluationLease()).plusMillis(1));
        assertThat(another.claim()).as("past the evaluation deadline the stuck evaluation is let go").isEqualTo(1);
        assertThat(jdbc.sql("SELECT eval_count FROM kyc_attempt WHERE customer_id = ?").param(UUID.fromString(customerId))
                .query(Integer.class).single()).as("the second try").isEqualTo(2);
    }
}
