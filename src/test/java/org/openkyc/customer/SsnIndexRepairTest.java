package org.openkyc.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.openkyc.privacy.BlindIndex;
import org.openkyc.testing.ApiTestBase;
import org.springframework.beans.factory.annotation.Autowired;

/** Blind indexes written wrong before the thread-safety fix are recomputed from the encrypted SSN (V10). */
class SsnIndexRepairTest extends ApiTestBase {

    @Autowired
    SsnIndexRepair repair;

    @Autowired
    BlindIndex blindIndex;

    @Test
    void everyUnverifiedIndexIsRecomputedOnceEvenWithTwoInstancesAtIt() throws Exception {
        Brand brand = newBrand();
        List<String> ssns = List.of("401-23-4567", "402-34-5678", "403-45-6789");
        List<String> ids = new ArrayList<>();
        for (String ssn : ssns) {
            Map<String, Object> body = customerBody();
            body.put("ssn", ssn);
            ids.add(createCustomer(brand, body));
        }
        Map<String, Object> withoutSsn = customerBody();
        withoutSsn.remove("ssn");
        String noSsn = createCustomer(brand, withoutSsn);
        // As the unsafe Mac left them: wrong indexes, on rows that V10 marked unverified.
        jdbc.sql("UPDATE customer SET ssn_bidx = 'wrong', ssn_bidx_verified = FALSE WHERE brand_id = ?").param(brand.brandId()).update();
        jdbc.sql("DELETE FROM maintenance_done").update();

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(repair::run);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(repair::run);
        assertThat(first.get() + second.get()).as("rows repaired by the two walks").isBetween(4, 8);

        for (int i = 0; i < ssns.size(); i++) {
            assertThat(bidx(ids.get(i))).isEqualTo(blindIndex.ssn(ssns.get(i).replace("-", "")));
        }
        assertThat(bidx(noSsn)).isNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer WHERE ssn_bidx_verified = FALSE").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM maintenance_done WHERE job = ?").param(SsnIndexRepair.JOB).query(Long.class).single()).isEqualTo(1);

        jdbc.sql("UPDATE customer SET ssn_bidx = 'wrong', ssn_bidx_verified = FALSE WHERE customer_id = ?").param(java.util.UUID.fromString(ids.getFirst())).update();
        assertThat(repair.run()).as("a job recorded as done does not walk again").isZero();
    }

    @Test
    void rowsWrittenAfterTheMigrationAreVerifiedAlready() {
        Brand brand = newBrand();
        String id = createCustomer(brand, customerBody());
        assertThat(jdbc.sql("SELECT ssn_bidx_verified FROM customer WHERE customer_id = ?").param(java.util.UUID.fromString(id)).query(Boolean.class).single()).isTrue();
    }

    private String bidx(String customerId) {
        return jdbc.sql("SELECT ssn_bidx FROM customer WHERE customer_id = ?").param(java.util.UUID.fromString(customerId)).query(String.class).list().getFirst();
    }
}
