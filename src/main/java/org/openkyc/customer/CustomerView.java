package org.openkyc.customer;

import java.util.List;

import org.openkyc.api.Timestamps;

import io.swagger.v3.oas.annotations.media.Schema;

/** A customer as the API returns it (SPEC §4); the SSN is masked. */
@Schema(name = "Customer")
record CustomerView(
        String customer_id,
        String brand_person_id,
        String bond_brand_id,
        String first_name,
        String middle_name,
        String last_name,
        @Schema(format = "date") String dob,
        @Schema(example = "XXX-XX-6789") String ssn,
        String phone,
        String phone_country_code,
        String email,
        @Schema(nullable = true, description = "null before the first KYC attempt") String kyc_status,
        int kyc_requests_available,
        String date_created,
        String date_updated,
        List<AddressView> addresses) {

    @Schema(name = "Address")
    record AddressView(String address_id, String address_type, String street, String street2, String city, String state,
                       String zip_code, String country, boolean is_primary,
                       @Schema(allowableValues = {"deliverable", "deliverable_missing_unit", "undeliverable"}) String deliverability,
                       String date_created, String date_updated) {

        static AddressView of(Address a) {
            return new AddressView(a.addressId().toString(), a.addressType(), a.street(), a.street2(), a.city(), a.state(),
                    a.zipCode(), a.country(), a.primary(), a.deliverability(), Timestamps.format(a.dateCreated()),
                    Timestamps.format(a.dateUpdated()));
        }
    }

    static CustomerView of(Customer c) {
        return new CustomerView(c.customerId().toString(), c.brandPersonId(), c.brandId().toString(), c.firstName(),
                c.middleName(), c.lastName(), c.dob() == null ? null : c.dob().toString(), c.maskedSsn(), c.phone(),
                c.phoneCountryCode(), c.email(), c.kycStatus(), c.kycRequestsAvailable(), Timestamps.format(c.dateCreated()),
                Timestamps.format(c.dateUpdated()), c.addresses().stream().map(AddressView::of).toList());
    }
}
