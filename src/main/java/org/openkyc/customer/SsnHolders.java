package org.openkyc.customer;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Who else at a brand holds an SSN (SPEC §8.1 duplicate identity), found by its blind index
 * (§11.3): the SSN itself is never compared in clear or in SQL.
 */
@Component
public class SsnHolders {

    /** At most this many others are looked at: a number shared that widely is a finding already. */
    static final int LIMIT = 20;

    private final CustomerRepository repository;

    SsnHolders(CustomerRepository repository) {
        this.repository = repository;
    }

    /** Another customer with the same SSN: what the duplicate-identity check compares, and no more. */
    public record Holder(UUID customerId, String firstName, String lastName, LocalDate dob) {
        @Override
        public String toString() {
            return "Holder[" + customerId + "]";
        }
    }

    /** The brand's other customers with this SSN, oldest first. */
    public List<Holder> othersWith(UUID brandId, UUID customerId, String ssn) {
        return repository.othersWithSsn(brandId, customerId, ssn, LIMIT).stream()
                .map(c -> new Holder(c.customerId(), c.firstName(), c.lastName(), c.dob())).toList();
    }
}
