package org.openkyc.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.openkyc.api.ApiException;
import org.openkyc.api.Input;
import org.openkyc.api.JsonBody;
import org.openkyc.api.SchemaErrors;
import org.openkyc.customer.CustomerSchema.AddressFields;
import org.openkyc.customer.CustomerSchema.PersonFields;
import org.openkyc.db.Ids;
import org.openkyc.outbox.Outbox;
import org.openkyc.program.Programs;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/**
 * Customers of a brand (SPEC §4). Every change and its {@code customer.*} event are written in one
 * transaction; every lookup is scoped to the calling brand, so another brand's ids are simply
 * not found.
 */
@Service
public class Customers {

    private final CustomerRepository repository;
    private final Programs programs;
    private final Outbox outbox;

    private final CustomerEvents customerEvents;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Clock clock;

    Customers(CustomerRepository repository, Programs programs, Outbox outbox, CustomerEvents customerEvents,
              org.springframework.context.ApplicationEventPublisher events, Clock clock) {
        this.customerEvents = customerEvents;
        this.clock = clock;
        this.events = events;
        this.repository = repository;
        this.programs = programs;
        this.outbox = outbox;
    }

    /** Whether the customer exists for this brand (and is not deleted). */
    public boolean exists(UUID brandId, UUID customerId) {
        return repository.find(brandId, customerId, false).isPresent();
    }

    /** The customer for a reviewer's case page: masked SSN, the SSN is not decrypted. Empty when deleted. */
    public java.util.Optional<CustomerProfile> profile(UUID brandId, UUID customerId) {
        return repository.find(brandId, customerId, false).map(c -> new CustomerProfile(c.customerId(), c.brandId(), c.firstName(),
                c.middleName(), c.lastName(), c.dob(), c.maskedSsn(), c.phone(), c.phoneCountryCode(), c.email(), c.kycStatus(),
                c.kycPassedAt(), c.addresses().stream().map(a -> new KycSubject.PostalAddress(a.addressType(), a.street(), a.street2(),
                        a.city(), a.state(), a.zipCode(), a.country(), a.primary())).toList(), c.dateCreated()));
    }

    /**
     * Customers to screen again when the watchlists change (SPEC §9): those whose KYC passed or is
     * in review, any brand, in pages by id: the next {@code limit} after {@code after} (start
     * with {@link #FIRST_ID}).
     */
    public List<MonitoredCustomer> monitoredAfter(UUID after, int limit) {
        return repository.monitoredAfter(after, limit);
    }

    /** The id to start {@link #monitoredAfter} with: before every other. */
    public static final UUID FIRST_ID = new UUID(0, 0);

    @Transactional
    Customer create(UUID brandId, JsonNode body) {
        SchemaErrors errors = new SchemaErrors();
        JsonBody reader = JsonBody.of(body, errors, false);
        PersonFields person = CustomerSchema.person(reader, today());
        List<AddressFields> addresses = new ArrayList<>();
        Input<List<JsonBody>> addressBodies = reader.objectList("addresses", true, false);
        if (addressBodies.present()) {
            addressBodies.value().forEach(b -> addresses.add(readAddress(b, null)));
        }
        List<Boolean> primaryFlags = addressBodies.present() ? CustomerSchema.primaryFlags(addresses, errors) : List.of();
        reader.finish();
        errors.throwIfAny("create_customer_schema");

        Instant now = DbTime.now(clock);
        UUID customerId = Ids.newId();
        List<Address> stored = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            stored.add(newAddress(addresses.get(i), primaryFlags.get(i), now));
        }
        String ssn = person.ssn().orElse(null);
        Customer customer = new Customer(customerId, brandId, person.firstName().value(), person.middleName().orElse(null),
                person.lastName().value(), person.dob().value(), ssn == null ? null : ssn.substring(ssn.length() - 4),
                person.phone().orElse(null), person.phoneCountryCode().orElse(null), person.email().orElse(null),
                person.brandPersonId().orElse(null), null, null, programs.defaultPolicy(brandId).max_kyc_attempts(), now, now,
                List.copyOf(stored), null);
        try {
            repository.insert(customer, ssn);
        } catch (DuplicateKeyException e) {
            throw personIdTaken();
        }
        customerEvents.emit(CustomerEvents.CREATED, customer, now);
        return customer;
    }

    List<Customer> list(UUID brandId, int page, int perPage) {
        return repository.list(brandId, perPage, (page - 1) * perPage);
    }

    Customer get(UUID brandId, UUID customerId) {
        return require(brandId, customerId, false);
    }

    @Transactional
    Customer edit(UUID brandId, UUID customerId, JsonNode body) {
        Customer current = require(brandId, customerId, true);
        SchemaErrors errors = new SchemaErrors();
        JsonBody reader = JsonBody.of(body, errors, true);
        PersonFields person = CustomerSchema.person(reader, today());
        reader.refuse("addresses", "Addresses are changed through /customers/{customer_id}/addresses.");
        reader.finish();
        errors.throwIfAny("edit_customer_schema");

        Instant now = DbTime.now(clock);
        Input<String> ssn = person.ssn().map(s -> s.replace("-", ""));
        boolean ssnChanged = ssn.given() && KycLock.locked(current) && !java.util.Objects.equals(ssn.orElse(null), repository.ssn(current));
        String last4 = ssn.given() ? (ssn.present() ? ssn.value().substring(5) : null) : current.ssnLast4();
        Customer updated = new Customer(customerId, brandId,
                person.firstName().orElse(current.firstName()),
                person.middleName().given() ? person.middleName().value() : current.middleName(),
                person.lastName().orElse(current.lastName()),
                person.dob().orElse(current.dob()), last4,
                person.phone().given() ? person.phone().value() : current.phone(),
                person.phoneCountryCode().given() ? person.phoneCountryCode().value() : current.phoneCountryCode(),
                person.email().given() ? person.email().value() : current.email(),
                person.brandPersonId().given() ? person.brandPersonId().value() : current.brandPersonId(),
                current.kycStatus(), current.kycPassedAt(), current.kycRequestsAvailable(), current.dateCreated(), now,
                current.addresses(), current.ssnSealed());
        KycLock.checkEdit(current, updated, ssnChanged);
        try {
            repository.updatePerson(updated);
        } catch (DuplicateKeyException e) {
            throw personIdTaken();
        }
        if (ssn.given()) {
            repository.updateSsn(customerId, ssn.value());
        }
        customerEvents.emit(CustomerEvents.UPDATED, updated, now);
        return updated;
    }

    @Transactional
    Customer delete(UUID brandId, UUID customerId) {
        Customer current = require(brandId, customerId, true);
        KycLock.checkDelete(current);
        Instant now = DbTime.now(clock);
        repository.erase(customerId, now);
        outbox.redactCustomer(brandId, customerId, CustomerEvents.CREATED, CustomerEvents.UPDATED);
        events.publishEvent(new CustomerErased(brandId, customerId));
        // The event carries the erased stub, so no personal data outlives the customer in the outbox.
        Customer stub = new Customer(customerId, brandId, null, null, null, null, null, null, null, null, null,
                current.kycStatus(), current.kycPassedAt(), current.kycRequestsAvailable(), current.dateCreated(), now, List.of(), null);
        customerEvents.emit(CustomerEvents.DELETED, stub, now);
        return stub;
    }

    @Transactional
    Address addAddress(UUID brandId, UUID customerId, JsonNode body) {
        Customer current = require(brandId, customerId, true);
        SchemaErrors errors = new SchemaErrors();
        AddressFields fields = readAddress(JsonBody.of(body, errors, false), null);
        errors.throwIfAny("create_address_schema");
        boolean primary = fields.primary().orElse(false);
        KycLock.checkAddressChange(current, primary);
        Instant now = DbTime.now(clock);
        if (primary) {
            demotePrimary(current, now);
        }
        Address address = newAddress(fields, primary, now);
        repository.insertAddress(customerId, address);
        afterAddressChange(brandId, customerId, now);
        return address;
    }

    @Transactional
    Address editAddress(UUID brandId, UUID customerId, UUID addressId, JsonNode body) {
        Customer current = require(brandId, customerId, true);
        Address existing = requireAddress(current, addressId);
        SchemaErrors errors = new SchemaErrors();
        AddressFields f = readAddress(JsonBody.of(body, errors, true), existing.country());
        if (f.country().present() && !f.country().value().equals(existing.country())) {
            // A new country: the stored state and ZIP must fit it too, unless the body replaces them.
            checkKept(f.state(), existing.state(), CustomerSchema.stateRule(f.country().value()), "state", errors);
            checkKept(f.zipCode(), existing.zipCode(), CustomerSchema.zipRule(f.country().value()), "zip_code", errors);
        }
        errors.throwIfAny("edit_address_schema");
        boolean primary = f.primary().orElse(existing.primary());
        KycLock.checkAddressChange(current, existing.primary() || primary);
        if (existing.primary() && !primary) {
            throw primaryRequired();
        }
        Instant now = DbTime.now(clock);
        if (primary && !existing.primary()) {
            demotePrimary(current, now);
        }
        Address updated = new Address(addressId, f.addressType().orElse(existing.addressType()), f.street().orElse(existing.street()),
                f.street2().given() ? f.street2().value() : existing.street2(), f.city().orElse(existing.city()),
                f.state().orElse(existing.state()), f.zipCode().orElse(existing.zipCode()), f.country().orElse(existing.country()),
                primary, existing.deliverability(), existing.dateCreated(), now);
        repository.updateAddress(customerId, updated);
        afterAddressChange(brandId, customerId, now);
        return updated;
    }

    @Transactional
    void deleteAddress(UUID brandId, UUID customerId, UUID addressId) {
        Customer current = require(brandId, customerId, true);
        Address existing = requireAddress(current, addressId);
        KycLock.checkAddressChange(current, existing.primary());
        if (existing.primary()) {
            throw primaryRequired();
        }
        Instant now = DbTime.now(clock);
        repository.deleteAddress(customerId, addressId);
        afterAddressChange(brandId, customerId, now);
    }

    private static void checkKept(Input<String> given, String stored, org.openkyc.api.Rule<String> rule, String field, SchemaErrors errors) {
        if (!given.given()) {
            String message = rule.check(stored);
            if (message != null) {
                errors.add(field, message);
            }
        }
    }

    private void afterAddressChange(UUID brandId, UUID customerId, Instant now) {
        repository.touch(customerId, now);
        customerEvents.emit(CustomerEvents.UPDATED, require(brandId, customerId, false), now);
    }

    private void demotePrimary(Customer customer, Instant now) {
        Address primary = customer.primaryAddress();
        if (primary != null) {
            repository.updateAddress(customer.customerId(), primary.withPrimary(false, now));
        }
    }

    private static AddressFields readAddress(JsonBody body, String storedCountry) {
        AddressFields fields = CustomerSchema.address(body, storedCountry);
        body.finish();
        return fields;
    }

    private static Address newAddress(AddressFields f, boolean primary, Instant now) {
        return new Address(Ids.newId(), f.addressType().value(), f.street().value(), f.street2().orElse(null),
                f.city().value(), f.state().value(), f.zipCode().value(), f.country().value(), primary, Address.DELIVERABLE, now, now);
    }

    private Customer require(UUID brandId, UUID customerId, boolean forUpdate) {
        return repository.find(brandId, customerId, forUpdate).orElseThrow(() -> notFound(customerId));
    }

    private static Address requireAddress(Customer customer, UUID addressId) {
        return customer.addresses().stream().filter(a -> a.addressId().equals(addressId)).findFirst()
                .orElseThrow(() -> ApiException.notFound("address_dne", "Address " + addressId + " does not exist."));
    }

    static ApiException notFound(Object customerId) {
        return ApiException.notFound("customer_dne", "Customer " + customerId + " does not exist.");
    }

    private static ApiException personIdTaken() {
        return ApiException.conflict("person_id_dup", "A customer with this brand_person_id already exists.");
    }

    private static ApiException primaryRequired() {
        return ApiException.conflict("primary_address_required",
                "A customer must keep exactly one primary address: make another address primary first.");
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
