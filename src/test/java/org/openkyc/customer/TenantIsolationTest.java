package org.openkyc.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;

/** SPEC §2: another brand's ids answer exactly like ids that do not exist, and never show up in lists. */
class TenantIsolationTest extends ApiTestBase {

    @Test
    void aSecondBrandCannotSeeOrTouchTheFirstBrandsCustomers() {
        Brand owner = newBrand();
        Brand intruder = newBrand();
        String customer = createCustomer(owner, customerBody());
        String address = owner.api().get("/api/v0.1/customers/" + customer).json().get("addresses").get(0).get("address_id").stringValue();
        String unknown = UUID.randomUUID().toString();
        Map<String, Object> mailing = address(false);

        for (String id : List.of(customer, unknown)) {
            String base = "/api/v0.1/customers/" + id;
            List<Http.Response> responses = List.of(
                    intruder.api().get(base),
                    intruder.api().patch(base, Map.of("email", "stolen@example.com")),
                    intruder.api().post(base + "/addresses", mailing),
                    intruder.api().patch(base + "/addresses/" + address, Map.of("city", "Dallas")),
                    intruder.api().delete(base + "/addresses/" + address),
                    intruder.api().delete(base));
            for (Http.Response response : responses) {
                assertThat(response.status()).as(response.toString()).isEqualTo(404);
                assertThat(response.json().get("Code").stringValue()).isEqualTo("customer_dne");
                // the same words for a foreign id as for one that never existed
                assertThat(response.json().get("Message").stringValue()).isEqualTo("Customer " + id + " does not exist.");
            }
        }
        assertThat(intruder.api().get("/api/v0.1/customers?per_page=50").body()).doesNotContain(customer);
        assertThat(intruder.api().get("/api/v0.1/programs/" + owner.programId()).status()).isEqualTo(404);
        assertThat(intruder.api().patch("/api/v0.1/programs/" + owner.programId(), Map.of("name", "mine")).status()).isEqualTo(404);
        assertThat(intruder.api().get("/api/v0.1/programs").body()).doesNotContain(owner.programId().toString());

        // nothing changed for the owner
        var mine = owner.api().get("/api/v0.1/customers/" + customer).json();
        assertThat(mine.get("email").stringValue()).isEqualTo("jane@example.com");
        assertThat(mine.get("addresses").size()).isEqualTo(1);
        assertThat(owner.api().get("/api/v0.1/programs/" + owner.programId()).json().get("name").stringValue()).isEqualTo("Default program");
    }
}
