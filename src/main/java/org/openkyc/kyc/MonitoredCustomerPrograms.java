package org.openkyc.kyc;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import org.openkyc.screening.CustomerPrograms;
import org.springframework.stereotype.Component;

/** Tells monitoring the program of each customer's latest attempt: the program they passed, or are in review, with. */
@Component
class MonitoredCustomerPrograms implements CustomerPrograms {

    private final KycRepository repository;

    MonitoredCustomerPrograms(KycRepository repository) {
        this.repository = repository;
    }

    @Override
    public Map<UUID, UUID> programsOf(Collection<UUID> customerIds) {
        return customerIds.isEmpty() ? Map.of() : repository.latestPrograms(customerIds);
    }
}
