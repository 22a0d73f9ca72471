package org.openkyc.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The sandbox's rounds decide in one transaction, holding their attempts' locks while they lock
 * the customers: a customer another transaction holds (a KYC start or an update in progress) is
 * passed over, never waited for — waiting there, in attempt-then-customer order, could deadlock
 * with a start — and its attempt is decided by a later round, once, with its evaluation counted.
 * H2 and PostgreSQL.
 */
@TestPropertySource(properties = "openkyc.kyc.worker-enabled=false")
class OneTransactionRoundTest extends ApiTestBase {

    @Autowired
    KycEvaluator evaluator;
    @Autowired
    DataSource dataSource;

    @Test
    void aCustomerHeldElsewhereIsPassedOverAndDecidedLater() throws Exception {
        Brand brand = newBrand();
        String held = createCustomer(brand, customerBody());
        String free = createCustomer(brand, customerBody());
        assertThat(startKyc(brand, held, "123-45-6780").status()).isEqualTo(201);
        assertThat(startKyc(brand, free, "123-45-6781").status()).isEqualTo(201);

        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT customer_id FROM customer WHERE customer_id = ? FOR UPDATE")) {
                lock.setObject(1, UUID.fromString(held));
                lock.executeQuery().close();
            }
            // Run off the test's thread: a round that waited for the lock would never come back while it is held.
            int claimed = CompletableFuture.supplyAsync(() -> evaluator.runOnce(100)).get(30, TimeUnit.SECONDS);
            assertThat(claimed).as("both attempts were due and locked").isEqualTo(2);
            assertThat(status(brand, free)).isEqualTo("passed");
            assertThat(status(brand, held)).as("its customer was held: left for a later round").isEqualTo("submitted");
            other.rollback();
        }

        assertThat(evaluator.runOnce(100)).isEqualTo(1);
        assertThat(status(brand, held)).isEqualTo("passed");
        assertThat(evaluator.runOnce(100)).as("nothing left").isZero();
        assertThat(kycEventTypes(held)).containsExactly("kyc.verification.submitted", "kyc.verification.success");
        assertThat(jdbc.sql("SELECT eval_count FROM kyc_attempt WHERE customer_id = ?").param(UUID.fromString(held))
                .query(Integer.class).single()).as("one evaluation, counted with its decision").isEqualTo(1);
    }

    private String status(Brand brand, String customerId) {
        return brand.api().get("/api/v0.1/customers/" + customerId + "/verification-kyc").json().get("kyc_status").stringValue();
    }
}
