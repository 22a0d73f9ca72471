package org.openkyc.customer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    /**
     * For each of these customers of the brand (customer id to SSN), the brand's other customers
     * with the same SSN, oldest first, at most {@link #LIMIT} each: one query for them all (an
     * evaluation round's applicants), not one per customer.
     */
    public Map<UUID, List<Holder>> othersWith(UUID brandId, Map<UUID, String> ssnByCustomer) {
        Map<UUID, String> indexByCustomer = new HashMap<>();
        ssnByCustomer.forEach((customerId, ssn) -> indexByCustomer.put(customerId, repository.ssnIndex(ssn)));
        if (indexByCustomer.isEmpty()) {
            return Map.of();
        }
        // One more than the limit: the customer itself is among the oldest holders of its own SSN.
        Map<String, List<CustomerRepository.SsnHolderRow>> byIndex = new HashMap<>();
        for (CustomerRepository.SsnHolderRow row : repository.holdersOfSsns(brandId, new HashSet<>(indexByCustomer.values()), LIMIT + 1)) {
            byIndex.computeIfAbsent(row.ssnIndex(), k -> new ArrayList<>()).add(row);
        }
        Map<UUID, List<Holder>> others = new HashMap<>();
        indexByCustomer.forEach((customerId, index) -> others.put(customerId, byIndex.getOrDefault(index, List.of()).stream()
                .filter(row -> !row.customerId().equals(customerId)).limit(LIMIT)
                .map(row -> new Holder(row.customerId(), row.firstName(), row.lastName(), row.dob())).toList()));
        return others;
    }
}
