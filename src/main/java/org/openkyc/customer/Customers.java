package org.openkyc.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.openkyc.api.ApiException;
import org.openkyc.api.Input;
import org.openkyc.api.JsonBody;
import org.openkyc.api.SchemaErrors;
import org.openkyc.api.Timestamps;
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

    static final String CREATED = "customer.created";
    static final String UPDATED = "customer.updated";
    static final String DELETED = "customer.deleted";

    private final CustomerRepository repository;
    private final Programs programs;
    private final Outbox outbox;

    private final org.springframework.context.ApplicationEventPublisher events;
    private final Clock clock;

    Customers(CustomerRepository repository, Programs programs, Outbox outbox, org.springframework.context.ApplicationEventPublisher events, Clock clock) {
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

    /**
     * The customer for a KYC step, locked for the rest of the caller's transaction, so concurrent
     * starts for one customer run one after the other. Its addresses are not read (empty): the
     * steps taken under this lock decide on the record's KYC state and contact data, and the checks
     * read the whole customer with {@link #kycSubjects}.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public java.util.Optional<KycSubject> lockForKyc(UUID brandId, UUID customerId) {
        return repository.lockWithAddresses(brandId, customerId).map(c -> subject(c, repository.ssn(c)));
    }

    /**
     * {@link #lockForKyc} for several customers at once (KYC starts committed together), locked
     * in id order in one round trip; deleted ones are left out. Any brand: each subject carries its
     * brand for the caller to check.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Map<UUID, KycSubject> lockAllForKycStart(java.util.Collection<UUID> customerIds) {
        return subjectsById(repository.lockAllWithAddresses(customerIds));
    }

    /** The customer as the checks see them, without a lock. */
    public java.util.Optional<KycSubject> kycSubject(UUID brandId, UUID customerId) {
        return repository.find(brandId, customerId, false).map(c -> subject(c, repository.ssn(c)));
    }

    /** The customer for a reviewer's case page: masked SSN, the SSN is not decrypted. Empty when deleted. */
    public java.util.Optional<CustomerProfile> profile(UUID brandId, UUID customerId) {
        return repository.find(brandId, customerId, false).map(c -> new CustomerProfile(c.customerId(), c.brandId(), c.firstName(),
                c.middleName(), c.lastName(), c.dob(), c.maskedSsn(), c.phone(), c.phoneCountryCode(), c.email(), c.kycStatus(),
                c.kycPassedAt(), c.addresses().stream().map(a -> new KycSubject.PostalAddress(a.addressType(), a.street(), a.street2(),
                        a.city(), a.state(), a.zipCode(), a.country(), a.primary())).toList(), c.dateCreated()));
    }

    /**
     * Several customers as the checks see them, without locks, by id; deleted ones are left out.
     * Internal callers only (any brand): each subject carries its brand for the caller to check.
     */
    public Map<UUID, KycSubject> kycSubjects(java.util.Collection<UUID> customerIds) {
        return subjectsById(repository.findAll(customerIds));
    }

    private Map<UUID, KycSubject> subjectsById(List<Customer> people) {
        Map<UUID, KycSubject> subjects = new java.util.HashMap<>();
        for (Customer c : people) {
            subjects.put(c.customerId(), subject(c, repository.ssn(c)));
        }
        return subjects;
    }

    /**
     * Locks several customers for a KYC step in one round trip, in id order: a batch of transitions
     * takes all its customer locks first, then the attempts', the same customer-then-attempt order
     * as every API path, so nothing deadlocks.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void lockAllForKyc(java.util.Collection<UUID> customerIds) {
        repository.lockAll(customerIds);
    }

    /**
     * Marks the customer's new KYC attempt ({@code submitted}, one attempt used) and saves the values
     * given with the request onto the record (SPEC §5.1), in one statement, with a
     * {@code customer.updated} event when contact data changed. Keys: {@code ssn}, {@code phone},
     * {@code phone_country_code}, {@code email}; values are already validated. {@code subject} must
     * come from {@link #lockForKyc} or {@link #lockAllForKycStart} in the same transaction.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void startKyc(KycSubject subject, Map<String, String> values) {
        Customer current = subject.snapshot().customer;
        String ssn = values.containsKey("ssn") ? values.get("ssn").replace("-", "") : null;
        boolean ssnChanged = ssn != null && !ssn.equals(subject.ssn());
        Customer updated = current.with(ssnChanged ? ssn.substring(5) : current.ssnLast4(), current.ssnSealed(),
                values.getOrDefault("phone", current.phone()), values.getOrDefault("phone_country_code", current.phoneCountryCode()),
                values.getOrDefault("email", current.email()), DbTime.now(clock))
                .withKyc("submitted", current.kycRequestsAvailable() - 1);
        boolean changed = ssnChanged || !java.util.Objects.equals(updated.phone(), current.phone())
                || !java.util.Objects.equals(updated.phoneCountryCode(), current.phoneCountryCode())
                || !java.util.Objects.equals(updated.email(), current.email());
        repository.startKyc(updated, ssnChanged ? ssn : null);
        if (changed) {
            emit(UPDATED, updated, updated.dateUpdated()); // the locked record came with its addresses
        }
    }

    /**
     * Records a KYC state on the customer, in the transaction of the attempt's transition:
     * {@code kyc_status}, when it passed, and a change of {@code kyc_requests_available}.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void recordKycState(UUID customerId, String kycStatus, Instant passedAt, int attemptsDelta) {
        repository.updateKycState(customerId, kycStatus, passedAt, attemptsDelta, DbTime.now(clock));
    }

    private static KycSubject subject(Customer c, String ssn) {
        return new KycSubject(c.customerId(), c.brandId(), c.firstName(), c.middleName(), c.lastName(), c.dob(), ssn, c.phone(),
                c.phoneCountryCode(), c.email(), c.kycStatus(), c.kycPassedAt(), c.kycRequestsAvailable(),
                c.addresses().stream().map(a -> new KycSubject.PostalAddress(a.addressType(), a.street(), a.street2(), a.city(),
                        a.state(), a.zipCode(), a.country(), a.primary())).toList(), new KycSubject.Snapshot(c));
    }

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
        emit(CREATED, customer, now);
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
        emit(UPDATED, updated, now);
        return updated;
    }

    @Transactional
    Customer delete(UUID brandId, UUID customerId) {
        Customer current = require(brandId, customerId, true);
        KycLock.checkDelete(current);
        Instant now = DbTime.now(clock);
        repository.erase(customerId, now);
        outbox.redactCustomer(brandId, customerId, CREATED, UPDATED);
        events.publishEvent(new CustomerErased(brandId, customerId));
        // The event carries the erased stub, so no personal data outlives the customer in the outbox.
        Customer stub = new Customer(customerId, brandId, null, null, null, null, null, null, null, null, null,
                current.kycStatus(), current.kycPassedAt(), current.kycRequestsAvailable(), current.dateCreated(), now, List.of(), null);
        emit(DELETED, stub, now);
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
        emit(UPDATED, require(brandId, customerId, false), now);
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

    private void emit(String event, Customer customer, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", event);
        payload.put("occurred_at", Timestamps.format(now));
        payload.put("customer_id", customer.customerId().toString());
        payload.put("details", CustomerView.of(customer));
        outbox.append(customer.brandId(), event, customer.customerId(), now, payload);
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
