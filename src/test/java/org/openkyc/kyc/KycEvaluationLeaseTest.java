package org.openkyc.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * SPEC §5.5 on the server's clock: the claim of an evaluator that died lapses after its lease (not
 * after the whole evaluation deadline), counts a try, and after three tries the attempt ends in
 * {@code error}. The background evaluator is off: the test runs its rounds, and plays the
 * evaluators that die by claiming attempts they never finish.
 */
@Import({MutableClock.Config.class, DyingEvaluator.class})
@TestPropertySource(properties = "openkyc.kyc.worker-enabled=false")
class KycEvaluationLeaseTest extends ApiTestBase {

    @Autowired
    MutableClock clock;
    @Autowired
    KycEvaluator evaluator;
    @Autowired
    DyingEvaluator another;
    @Autowired
    KycProperties properties;

    private String submitted(Brand brand, String ssn) {
        String customerId = createCustomer(brand, customerBody());
        assertThat(startKyc(brand, customerId, ssn).status()).isEqualTo(201);
        return customerId;
    }

    private JsonNode kyc(Brand brand, String customerId) {
        return brand.api().get("/api/v0.1/customers/" + customerId + "/verification-kyc").json();
    }

    @Test
    void theClaimOfAnEvaluatorThatDiedLapsesAfterItsLeaseAndIsEvaluatedAgain() {
        Brand brand = newBrand();
        String customerId = submitted(brand, "123-45-6780");
        assertThat(another.claim()).isEqualTo(1);
        assertThat(properties.evaluationLease()).isEqualTo(Duration.ofSeconds(30));

        clock.advance(properties.evaluationLease().minusSeconds(1));
        assertThat(evaluator.runOnce()).as("still leased to the evaluator that died").isZero();
        assertThat(kyc(brand, customerId).get("kyc_status").stringValue()).isEqualTo("submitted");

        clock.advance(Duration.ofSeconds(2));
        assertThat(evaluator.runOnce()).as("its lease lapsed: well before the 10 minute evaluation deadline").isEqualTo(1);
        assertThat(kyc(brand, customerId).get("kyc_status").stringValue()).isEqualTo("passed");
        assertThat(kycEventTypes(customerId)).containsExactly("kyc.verification.submitted", "kyc.verification.success");
        assertThat(jdbc.sql("SELECT eval_count FROM kyc_attempt WHERE customer_id = ?").param(UUID.fromString(customerId))
                .query(Integer.class).single()).as("the lapsed claim counted a try").isEqualTo(2);
    }

    @Test
    void afterThreeEvaluationsThatNeverFinishedTheAttemptEndsInError() {
        Brand brand = newBrand();
        String customerId = submitted(brand, "123-45-6780");
        for (int i = 0; i < properties.maxEvaluations(); i++) {
            assertThat(another.claim()).as("try " + (i + 1)).isEqualTo(1);
            clock.advance(properties.evaluationLease().plusSeconds(1));
        }

        assertThat(evaluator.runOnce()).isEqualTo(1);

        JsonNode status = kyc(brand, customerId);
        assertThat(status.get("kyc_status").stringValue()).isEqualTo("error");
        assertThat(status.get("reasons").get(0).get("code").stringValue()).isEqualTo("evaluation_failed");
        assertThat(status.get("kyc_requests_available").intValue()).as("an error gives the attempt back").isEqualTo(3);
        assertThat(kycEventTypes(customerId)).containsExactly("kyc.verification.submitted", "kyc.verification.error");
    }
}
