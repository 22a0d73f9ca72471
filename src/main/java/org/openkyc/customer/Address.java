package org.openkyc.customer;

import java.time.Instant;
import java.util.UUID;

/** A postal address of a customer (SPEC §4). */
record Address(UUID addressId, String addressType, String street, String street2, String city, String state,
               String zipCode, String country, boolean primary, String deliverability, Instant dateCreated,
               Instant dateUpdated) {

    static final String DELIVERABLE = "deliverable";

    Address withPrimary(boolean primary, Instant now) {
        return new Address(addressId, addressType, street, street2, city, state, zipCode, country, primary, deliverability, dateCreated, now);
    }
}
