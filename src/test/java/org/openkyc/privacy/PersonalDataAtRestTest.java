package org.openkyc.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;

/** SPEC §11.3, read straight from the tables: no SSN or DOB in clear, a blind index to match SSNs. */
class PersonalDataAtRestTest extends ApiTestBase {

    @Test
    void ssnAndDobAreEncryptedWithTheirKeyIdAndTheSsnHasABlindIndex() {
        Brand brand = newBrand();
        Map<String, Object> body = customerBody();
        body.put("ssn", "536-22-8741");
        body.put("dob", "1961-07-19");
        UUID first = UUID.fromString(createCustomer(brand, body));
        body.put("ssn", "536228741");
        UUID sameSsn = UUID.fromString(createCustomer(brand, body));
        body.put("ssn", "536-22-8742");
        UUID otherSsn = UUID.fromString(createCustomer(brand, body));

        Map<String, Object> row = jdbc.sql("SELECT * FROM customer WHERE customer_id = ?").param(first).query().singleRow();
        String everything = row.values().toString();
        assertThat(everything).doesNotContain("536228741").doesNotContain("536-22-8741").doesNotContain("1961-07-19").doesNotContain("19610719");
        assertThat((String) row.get("ssn_enc")).matches("v1:[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+");
        assertThat((String) row.get("dob_enc")).matches("v1:[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+");
        assertThat(row.get("ssn_last4")).isEqualTo("8741");

        String index = bidx(first);
        assertThat(index).hasSize(64).isEqualTo(bidx(sameSsn)).isNotEqualTo(bidx(otherSsn));
        // two encryptions of the same SSN differ (random IV)
        assertThat(ssnEnc(first)).isNotEqualTo(ssnEnc(sameSsn));

        String outbox = jdbc.sql("SELECT payload FROM outbox_event WHERE customer_id = ?").param(first).query(String.class).single();
        assertThat(outbox).startsWith("v1:").doesNotContain("1961-07-19").doesNotContain("Jane");
    }

    private String bidx(UUID id) {
        return jdbc.sql("SELECT ssn_bidx FROM customer WHERE customer_id = ?").param(id).query(String.class).single();
    }

    private String ssnEnc(UUID id) {
        return jdbc.sql("SELECT ssn_enc FROM customer WHERE customer_id = ?").param(id).query(String.class).single();
    }
}
