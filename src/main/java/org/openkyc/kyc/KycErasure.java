package org.openkyc.kyc;

import org.openkyc.customer.CustomerErased;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Erases what KYC holds about a deleted customer: document images, the IP address and check
 * evidence. The attempts stay, with their outcomes, as the audit trail.
 */
@Component
class KycErasure {

    private final JdbcClient jdbc;

    KycErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(CustomerErased erased) {
        String attempts = "SELECT kyc_id FROM kyc_attempt WHERE customer_id = ? AND brand_id = ?";
        jdbc.sql("DELETE FROM kyc_document_file WHERE kyc_id IN (" + attempts + ")").params(erased.customerId(), erased.brandId()).update();
        jdbc.sql("UPDATE kyc_check_result SET evidence = NULL WHERE kyc_id IN (" + attempts + ")").params(erased.customerId(), erased.brandId()).update();
        jdbc.sql("UPDATE kyc_attempt SET ip = NULL WHERE customer_id = ? AND brand_id = ?").params(erased.customerId(), erased.brandId()).update();
    }
}
