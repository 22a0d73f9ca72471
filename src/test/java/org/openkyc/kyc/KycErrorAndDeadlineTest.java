package org.openkyc.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * SPEC §5.5: an evaluation that never completes ends in error and gives the attempt back; an
 * attempt waiting for documents past its deadline expires. Evaluations here are allowed zero
 * completions, so every one ends in error.
 */
@TestPropertySource(properties = "openkyc.kyc.max-evaluations=0")
class KycErrorAndDeadlineTest extends ApiTestBase {

    @Autowired
    KycDeadlines deadlines;

    @Test
    void anEvaluationThatCannotCompleteEndsInErrorAndRefundsTheAttempt() {
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        assertThat(startKyc(brand, customerId, "123-45-6780").status()).isEqualTo(201);
        Http.Response customer = brand.api().get("/api/v0.1/customers/" + customerId);
        var status = awaitKycStatus(brand, customerId, "error");
        assertThat(status.get("reasons").get(0).get("code").stringValue()).isEqualTo("evaluation_failed");
        assertThat(status.get("kyc_requests_available").intValue()).as("refunded").isEqualTo(3);
        assertThat(kycEventTypes(customerId)).containsExactly("kyc.verification.submitted", "kyc.verification.error");
        assertThat(customer.status()).isEqualTo(200);
        assertThat(startKyc(brand, customerId, "123-45-6780").status()).as("a new attempt may start").isEqualTo(201);
    }

    @Test
    void documentWaitsPastTheDeadlineExpire() {
        Brand brand = newBrand();
        String customerId = createCustomer(brand, customerBody());
        // An attempt waiting for documents whose deadline (the program's 30 days) has passed.
        UUID kycId = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO kyc_attempt (kyc_id, brand_id, customer_id, program_id, status, fields, reasons, eval_count, documents_due_at,
                    date_created, date_updated)
                VALUES (?, ?, ?, ?, 'document_required', '[]', '[]', 1, CURRENT_TIMESTAMP - INTERVAL '1' DAY,
                    CURRENT_TIMESTAMP - INTERVAL '31' DAY, CURRENT_TIMESTAMP - INTERVAL '31' DAY)""")
                .params(kycId, brand.brandId(), UUID.fromString(customerId), brand.programId()).update();

        deadlines.expireOverdueDocumentWaits();

        var status = brand.api().get("/api/v0.1/customers/" + customerId + "/verification-kyc").json();
        assertThat(status.get("kyc_status").stringValue()).isEqualTo("expired");
        assertThat(status.get("reasons").get(0).get("code").stringValue()).isEqualTo("documents_not_received");
        assertThat(kycEventTypes(customerId)).containsExactly("kyc.verification.timeout");
        assertThat(brand.api().get("/api/v0.1/customers/" + customerId).json().get("kyc_status").stringValue()).isEqualTo("expired");
    }
}
