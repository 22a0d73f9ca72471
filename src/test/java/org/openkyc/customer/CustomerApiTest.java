package org.openkyc.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openkyc.outbox.Outbox;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

class CustomerApiTest extends ApiTestBase {

    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00";

    @Autowired
    Outbox outbox;

    @Test
    void createsACustomerAndReturnsItWithTheSsnMasked() {
        Brand brand = newBrand();
        Map<String, Object> body = customerBody();
        body.put("middle_name", "Ann-Marie");
        body.put("brand_person_id", "person-1");
        Http.Response response = brand.api().post("/api/v0.1/customers", body);

        assertThat(response.status()).isEqualTo(201);
        JsonNode c = response.json();
        assertThat(c.get("customer_id").stringValue()).matches("[0-9a-f-]{36}");
        assertThat(c.get("bond_brand_id").stringValue()).isEqualTo(brand.brandId().toString());
        assertThat(c.get("first_name").stringValue()).isEqualTo("Jane");
        assertThat(c.get("middle_name").stringValue()).isEqualTo("Ann-Marie");
        assertThat(c.get("dob").stringValue()).isEqualTo("1990-04-12");
        assertThat(c.get("ssn").stringValue()).isEqualTo("XXX-XX-6789");
        assertThat(c.get("brand_person_id").stringValue()).isEqualTo("person-1");
        assertThat(c.get("kyc_status").isNull()).isTrue();
        assertThat(c.get("kyc_requests_available").intValue()).isEqualTo(3);
        assertThat(c.get("date_created").stringValue()).matches(TIMESTAMP);
        JsonNode address = c.get("addresses").get(0);
        assertThat(address.get("address_id").stringValue()).matches("[0-9a-f-]{36}");
        assertThat(address.get("is_primary").booleanValue()).isTrue();
        assertThat(address.get("deliverability").stringValue()).isEqualTo("deliverable");
        assertThat(response.body()).doesNotContain("123-45-6789").doesNotContain("123456789");

        Http.Response fetched = brand.api().get("/api/v0.1/customers/" + c.get("customer_id").stringValue());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(c);
    }

    @Test
    void sandboxSsnsAndUnusualButValidNamesAreAccepted() {
        Brand brand = newBrand();
        Map<String, Object> body = customerBody();
        body.put("ssn", "000000000");
        body.put("first_name", "Zoë");
        body.put("last_name", "O'Brien-Łukasz");
        body.remove("phone");
        body.remove("email");
        body.put("addresses", List.of(Map.of("address_type", "MAILING", "street", "1 Rue de Rivoli", "city", "Paris",
                "state", "Île-de-France", "zip_code", "75001", "country", "FR")));
        Http.Response response = brand.api().post("/api/v0.1/customers", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().get("ssn").stringValue()).isEqualTo("XXX-XX-0000");
        assertThat(response.json().get("addresses").get(0).get("is_primary").booleanValue()).as("a single address is primary").isTrue();
    }

    @Test
    void missingRequiredFieldsAnswerWithMarshmallowMessages() {
        Brand brand = newBrand();
        Http.Response response = brand.api().post("/api/v0.1/customers", Map.of());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(Http.JSON.readTree("""
                {"Message": {"first_name": ["Missing data for required field."], "last_name": ["Missing data for required field."],
                             "dob": ["Missing data for required field."], "addresses": ["Missing data for required field."]},
                 "Status": 400, "Code": "create_customer_schema", "Type": "Request Error"}"""));
    }

    @Test
    void everyKindOfBadFieldIsReportedAtOnce() {
        Brand brand = newBrand();
        Map<String, Object> body = customerBody();
        body.put("first_name", 42);
        body.put("last_name", null);
        body.put("dob", "1990-02-30");
        body.put("ssn", "12-345-6789");
        body.put("phone", "(555) 555-5555");
        body.put("phone_country_code", "1234");
        body.put("email", "jane@");
        body.put("nickname", "JD");
        Map<String, Object> badAddress = address(true);
        badAddress.put("address_type", "HOME");
        badAddress.put("zip_code", "7870");
        badAddress.put("state", "Texas");
        badAddress.put("country", "USA");
        badAddress.put("colour", "blue");
        body.put("addresses", List.of(badAddress));

        Http.Response response = brand.api().post("/api/v0.1/customers", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(Http.JSON.readTree("""
                {"Message": {
                   "first_name": ["Not a valid string."], "last_name": ["Field may not be null."], "dob": ["Not a valid date."],
                   "ssn": ["String does not match expected pattern."], "phone": ["String does not match expected pattern."],
                   "phone_country_code": ["String does not match expected pattern."], "email": ["Not a valid email address."],
                   "addresses": {"0": {"country": ["Not a valid ISO 3166-1 alpha-2 country code."],
                                       "address_type": ["Must be one of: MAILING, PHYSICAL."],
                                       "colour": ["Unknown field."]}},
                   "nickname": ["Unknown field."]},
                 "Status": 400, "Code": "create_customer_schema", "Type": "Request Error"}"""));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer WHERE brand_id = ?").param(brand.brandId()).query(Long.class).single()).isZero();
    }

    @Test
    void usAddressesNeedAStateCodeAndAZipCode() {
        Brand brand = newBrand();
        Map<String, Object> body = customerBody();
        Map<String, Object> address = address(true);
        address.put("state", "XX");
        address.put("zip_code", "7870");
        body.put("addresses", List.of(address));
        JsonNode message = brand.api().post("/api/v0.1/customers", body).json().get("Message");
        assertThat(message.get("addresses").get("0").get("state").get(0).stringValue()).isEqualTo("Not a valid US state or territory code.");
        assertThat(message.get("addresses").get("0").get("zip_code").get(0).stringValue()).isEqualTo("String does not match expected pattern.");
    }

    @Test
    void addressesNeedExactlyOnePrimaryAndAtLeastOneEntry() {
        Brand brand = newBrand();
        Map<String, Object> body = customerBody();
        body.put("addresses", List.of(address(true), address(true)));
        assertThat(brand.api().post("/api/v0.1/customers", body).json().get("Message").get("addresses").get(0).stringValue())
                .isEqualTo("Exactly one address must have is_primary set to true.");
        body.put("addresses", List.of());
        assertThat(brand.api().post("/api/v0.1/customers", body).json().get("Message").get("addresses").get(0).stringValue())
                .isEqualTo("Shorter than minimum length 1.");
        body.put("addresses", "100 Congress Ave");
        assertThat(brand.api().post("/api/v0.1/customers", body).json().get("Message").get("addresses").get(0).stringValue())
                .isEqualTo("Not a valid list.");
    }

    @Test
    void nulCharactersAreRefusedNotStored() {
        // Found by the fuzzer on PostgreSQL, whose text type cannot hold NUL: it was a 500.
        Brand brand = newBrand();
        Map<String, Object> body = customerBody();
        body.put("brand_person_id", "a\u0000b");
        Http.Response response = brand.api().post("/api/v0.1/customers", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("Message").get("brand_person_id").get(0).stringValue()).isEqualTo("Not a valid string.");
    }

    @Test
    void dobMustBeInThePast() {
        Brand brand = newBrand();
        Map<String, Object> body = customerBody();
        body.put("dob", java.time.LocalDate.now().plusDays(2).toString());
        Http.Response response = brand.api().post("/api/v0.1/customers", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("Message").get("dob").get(0).stringValue()).isEqualTo("Date of birth must be in the past.");
    }

    @Test
    void listIsABareArrayNewestFirstWithStablePages() {
        Brand brand = newBrand();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(createCustomer(brand, customerBody()));
        }
        List<String> newestFirst = new ArrayList<>(created.reversed());

        JsonNode all = brand.api().get("/api/v0.1/customers").json();
        assertThat(all.isArray()).isTrue();
        assertThat(all.size()).isEqualTo(7);
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 4; page++) {
            JsonNode items = brand.api().get("/api/v0.1/customers?page=" + page + "&per_page=2").json();
            items.forEach(item -> seen.add(item.get("customer_id").stringValue()));
        }
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(brand.api().get("/api/v0.1/customers/?page=9&per_page=5").json().size()).isZero();
    }

    @Test
    void listRejectsBadPaging() {
        Brand brand = newBrand();
        Http.Response response = brand.api().get("/api/v0.1/customers?per_page=3&page=zero");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("Code").stringValue()).isEqualTo("list_customers_schema");
        assertThat(response.json().get("Message").get("per_page").get(0).stringValue()).isEqualTo("Must be one of: 1, 2, 5, 10, 20, 50.");
        assertThat(response.json().get("Message").get("page").get(0).stringValue()).isEqualTo("Not a valid integer.");
        assertThat(brand.api().get("/api/v0.1/customers?page=0").status()).isEqualTo(400);
    }

    @Test
    void patchChangesOnlyWhatIsSent() {
        Brand brand = newBrand();
        Map<String, Object> body = customerBody();
        body.put("middle_name", "Ann");
        String id = createCustomer(brand, body);

        Map<String, Object> patch = new HashMap<>();
        patch.put("email", "jane.doe@example.org");
        patch.put("middle_name", null);
        patch.put("ssn", "987654321");
        Http.Response response = brand.api().patch("/api/v0.1/customers/" + id, patch);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode c = response.json();
        assertThat(c.get("email").stringValue()).isEqualTo("jane.doe@example.org");
        assertThat(c.get("middle_name").isNull()).isTrue();
        assertThat(c.get("ssn").stringValue()).isEqualTo("XXX-XX-4321");
        assertThat(c.get("first_name").stringValue()).isEqualTo("Jane");
        assertThat(c.get("date_updated").stringValue()).isGreaterThan(c.get("date_created").stringValue());
        assertThat(brand.api().get("/api/v0.1/customers/" + id).json()).isEqualTo(c);
    }

    @Test
    void patchValidatesWithItsOwnCodeAndChangesNothing() {
        Brand brand = newBrand();
        String id = createCustomer(brand, customerBody());
        JsonNode before = brand.api().get("/api/v0.1/customers/" + id).json();

        Http.Response response = brand.api().patch("/api/v0.1/customers/" + id,
                Map.of("first_name", "J", "email", "not-an-email", "addresses", List.of(), "dob", "yesterday"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("Code").stringValue()).isEqualTo("edit_customer_schema");
        assertThat(response.json().get("Message").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("first_name", "email", "addresses", "dob");
        assertThat(brand.api().get("/api/v0.1/customers/" + id).json()).isEqualTo(before);

        Http.Response nulls = brand.api().patch("/api/v0.1/customers/" + id, java.util.Collections.singletonMap("last_name", null));
        assertThat(nulls.json().get("Message").get("last_name").get(0).stringValue()).isEqualTo("Field may not be null.");
    }

    @Test
    void brandPersonIdIsUniquePerBrandAndFreedByDeletion() {
        Brand brand = newBrand();
        Map<String, Object> body = customerBody();
        body.put("brand_person_id", "p-77");
        String first = createCustomer(brand, body);

        Http.Response duplicate = brand.api().post("/api/v0.1/customers", body);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("Code").stringValue()).isEqualTo("person_id_dup");

        String second = createCustomer(brand, customerBody());
        Http.Response patched = brand.api().patch("/api/v0.1/customers/" + second, Map.of("brand_person_id", "p-77"));
        assertThat(patched.status()).isEqualTo(409);
        assertThat(patched.json().get("Code").stringValue()).isEqualTo("person_id_dup");

        // Another brand may use the same id for its own person.
        createCustomer(newBrand(), body);

        assertThat(brand.api().delete("/api/v0.1/customers/" + first).status()).isEqualTo(200);
        createCustomer(brand, body);
    }

    @Test
    void deleteErasesPersonalDataAndKeepsAnAuditStub() {
        Brand brand = newBrand();
        String id = createCustomer(brand, customerBody());

        Http.Response response = brand.api().delete("/api/v0.1/customers/" + id);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(Http.JSON.readTree(
                "{\"customer_id\": \"" + id + "\", \"Message\": \"Customer resource deleted\"}"));
        assertThat(brand.api().get("/api/v0.1/customers/" + id).status()).isEqualTo(404);
        assertThat(brand.api().delete("/api/v0.1/customers/" + id).status()).isEqualTo(404);
        Map<String, Object> row = jdbc.sql("SELECT * FROM customer WHERE customer_id = ?").param(UUID.fromString(id)).query().singleRow();
        assertThat(row.get("deleted_at")).isNotNull();
        assertThat(row.get("date_created")).isNotNull();
        for (String column : List.of("first_name", "last_name", "dob_enc", "ssn_enc", "ssn_last4", "ssn_bidx", "phone", "email")) {
            assertThat(row.get(column)).as(column).isNull();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_address WHERE customer_id = ?").param(UUID.fromString(id))
                .query(Long.class).single()).isZero();
    }

    @Test
    void everyChangeWritesItsEventWithTheMaskedCustomer() {
        Brand brand = newBrand();
        String id = createCustomer(brand, customerBody());
        brand.api().patch("/api/v0.1/customers/" + id, Map.of("email", "new@example.com"));

        List<Outbox.Event> events = outbox.forCustomer(brand.brandId(), UUID.fromString(id));
        assertThat(events).extracting(Outbox.Event::eventType).containsExactly("customer.created", "customer.updated");
        JsonNode created = Http.JSON.readTree(events.getFirst().payload());
        assertThat(created.get("event").stringValue()).isEqualTo("customer.created");
        assertThat(created.get("customer_id").stringValue()).isEqualTo(id);
        assertThat(created.get("occurred_at").stringValue()).matches(TIMESTAMP);
        assertThat(created.get("details").get("ssn").stringValue()).isEqualTo("XXX-XX-6789");
        assertThat(created.get("details").get("first_name").stringValue()).isEqualTo("Jane");
        assertThat(Http.JSON.readTree(events.get(1).payload()).get("details").get("email").stringValue()).isEqualTo("new@example.com");

        brand.api().delete("/api/v0.1/customers/" + id);
        events = outbox.forCustomer(brand.brandId(), UUID.fromString(id));
        assertThat(events).extracting(Outbox.Event::eventType).containsExactly("customer.created", "customer.updated", "customer.deleted");
        assertThat(Http.JSON.readTree(events.get(2).payload()).get("details").get("first_name").isNull()).isTrue();
        // after deletion the earlier events no longer carry the person
        assertThat(Http.JSON.readTree(events.get(0).payload()).get("details").get("erased").booleanValue()).isTrue();
        assertThat(events.get(1).payload()).doesNotContain("new@example.com");
    }

    @Test
    void failedRequestsWriteNoEvents() {
        Brand brand = newBrand();
        String id = createCustomer(brand, customerBody());
        brand.api().patch("/api/v0.1/customers/" + id, Map.of("email", "broken"));
        brand.api().post("/api/v0.1/customers/" + id + "/addresses", Map.of("street", "x"));
        assertThat(outbox.forCustomer(brand.brandId(), UUID.fromString(id))).hasSize(1);
    }

    @Test
    void addressRoutesKeepExactlyOnePrimary() {
        Brand brand = newBrand();
        String id = createCustomer(brand, customerBody());
        String base = "/api/v0.1/customers/" + id + "/addresses";
        String firstAddress = brand.api().get("/api/v0.1/customers/" + id).json().get("addresses").get(0).get("address_id").stringValue();

        Map<String, Object> mailing = address(false);
        mailing.put("address_type", "MAILING");
        mailing.put("street2", "Apt 4");
        Http.Response added = brand.api().post(base, mailing);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        String second = added.json().get("address_id").stringValue();
        assertThat(added.json().get("street2").stringValue()).isEqualTo("Apt 4");

        Http.Response deletePrimary = brand.api().delete(base + "/" + firstAddress);
        assertThat(deletePrimary.status()).isEqualTo(409);
        assertThat(deletePrimary.json().get("Code").stringValue()).isEqualTo("primary_address_required");

        Http.Response promoted = brand.api().patch(base + "/" + second, Map.of("is_primary", true, "city", "Dallas"));
        assertThat(promoted.status()).isEqualTo(200);
        JsonNode addresses = brand.api().get("/api/v0.1/customers/" + id).json().get("addresses");
        assertThat(addresses.size()).isEqualTo(2);
        for (JsonNode a : addresses) {
            assertThat(a.get("is_primary").booleanValue()).isEqualTo(a.get("address_id").stringValue().equals(second));
        }
        assertThat(brand.api().delete(base + "/" + firstAddress).json())
                .isEqualTo(Http.JSON.readTree("{\"address_id\": \"" + firstAddress + "\", \"Message\": \"Address resource deleted\"}"));
        assertThat(brand.api().get("/api/v0.1/customers/" + id).json().get("addresses").size()).isEqualTo(1);

        Http.Response badZip = brand.api().patch(base + "/" + second, Map.of("zip_code", "ABCDE"));
        assertThat(badZip.status()).isEqualTo(400);
        assertThat(badZip.json().get("Code").stringValue()).isEqualTo("edit_address_schema");
        assertThat(brand.api().patch(base + "/" + UUID.randomUUID(), Map.of("city", "Waco")).json().get("Code").stringValue())
                .isEqualTo("address_dne");
    }

    @Test
    void changingAnAddressCountryChecksTheKeptStateAndZip() {
        Brand brand = newBrand();
        Map<String, Object> body = customerBody();
        body.put("addresses", List.of(Map.of("address_type", "PHYSICAL", "street", "1 King St W", "city", "Toronto", "state", "Ontario",
                "zip_code", "M5H 1A1", "country", "CA")));
        String id = createCustomer(brand, body);
        String address = brand.api().get("/api/v0.1/customers/" + id).json().get("addresses").get(0).get("address_id").stringValue();
        Http.Response toUs = brand.api().patch("/api/v0.1/customers/" + id + "/addresses/" + address, Map.of("country", "US"));
        assertThat(toUs.status()).isEqualTo(400);
        assertThat(toUs.json().get("Message").get("state").get(0).stringValue()).isEqualTo("Not a valid US state or territory code.");
        assertThat(toUs.json().get("Message").get("zip_code").get(0).stringValue()).isEqualTo("String does not match expected pattern.");
        assertThat(brand.api().patch("/api/v0.1/customers/" + id + "/addresses/" + address,
                Map.of("country", "US", "state", "NY", "zip_code", "10001")).status()).isEqualTo(200);
    }

    @Test
    void unknownAndMalformedIdsAre404() {
        Brand brand = newBrand();
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "123")) {
            Http.Response response = brand.api().get("/api/v0.1/customers/" + id);
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().get("Code").stringValue()).isEqualTo("customer_dne");
        }
    }
}
