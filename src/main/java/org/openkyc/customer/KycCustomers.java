package org.openkyc.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer as KYC uses them: the record locked for a KYC step, read as the checks see it,
 * marked when an attempt starts and when its state changes. The API's own customer routes are
 * {@link Customers}'.
 */
@Service
public class KycCustomers {

    private final CustomerRepository repository;
    private final CustomerEvents events;
    private final Clock clock;

    KycCustomers(CustomerRepository repository, CustomerEvents events, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The customer for a KYC step, locked for the rest of the caller's transaction, so concurrent
     * starts for one customer run one after the other. Its addresses are not read (empty): the
     * steps taken under this lock decide on the record's KYC state and contact data, and the checks
     * read the whole customer with {@link #kycSubjects}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<KycSubject> lockForKyc(UUID brandId, UUID customerId) {
        return repository.lockWithAddresses(brandId, customerId).map(c -> {
            LockedRecords.remember(List.of(c));
            return subject(c, repository.ssn(c));
        });
    }

    /**
     * {@link #lockForKyc} for several customers at once (KYC starts committed together), locked
     * in id order in one round trip; deleted ones are left out. Any brand: each subject carries its
     * brand for the caller to check.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<UUID, KycSubject> lockAllForKycStart(Collection<UUID> customerIds) {
        List<Customer> locked = repository.lockAllWithAddresses(customerIds);
        LockedRecords.remember(locked);
        return subjectsById(locked);
    }

    /** The customer as the checks see them, without a lock. */
    public Optional<KycSubject> kycSubject(UUID brandId, UUID customerId) {
        return repository.find(brandId, customerId, false).map(c -> subject(c, repository.ssn(c)));
    }

    /**
     * Several customers as the checks see them, without locks, by id; deleted ones are left out.
     * Internal callers only (any brand): each subject carries its brand for the caller to check.
     */
    public Map<UUID, KycSubject> kycSubjects(Collection<UUID> customerIds) {
        return subjectsById(repository.findAll(customerIds));
    }

    private Map<UUID, KycSubject> subjectsById(List<Customer> people) {
        Map<UUID, KycSubject> subjects = new HashMap<>();
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
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockAllForKyc(Collection<UUID> customerIds) {
        repository.lockAll(customerIds);
    }

    /**
     * Marks the customer's new KYC attempt ({@code submitted}, one attempt used) and saves the values
     * given with the request onto the record (SPEC §5.1), in one statement, with a
     * {@code customer.updated} event when contact data changed. Keys: {@code ssn}, {@code phone},
     * {@code phone_country_code}, {@code email}; values are already validated. {@code subject} must
     * come from {@link #lockForKyc} or {@link #lockAllForKycStart} in the same transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void startKyc(KycSubject subject, Map<String, String> values) {
        Customer current = LockedRecords.get(subject.customerId());
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
            events.emit(CustomerEvents.UPDATED, updated, updated.dateUpdated()); // the locked record came with its addresses
        }
        LockedRecords.remember(List.of(updated));
    }

    /**
     * Records a KYC state on the customer, in the transaction of the attempt's transition:
     * {@code kyc_status}, when it passed, and a change of {@code kyc_requests_available}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordKycState(UUID customerId, String kycStatus, Instant passedAt, int attemptsDelta) {
        repository.updateKycState(customerId, kycStatus, passedAt, attemptsDelta, DbTime.now(clock));
    }

    private static KycSubject subject(Customer c, String ssn) {
        return new KycSubject(c.customerId(), c.brandId(), c.firstName(), c.middleName(), c.lastName(), c.dob(), ssn, c.phone(),
                c.phoneCountryCode(), c.email(), c.kycStatus(), c.kycPassedAt(), c.kycRequestsAvailable(),
                c.addresses().stream().map(a -> new KycSubject.PostalAddress(a.addressType(), a.street(), a.street2(), a.city(),
                        a.state(), a.zipCode(), a.country(), a.primary())).toList());
    }
}
