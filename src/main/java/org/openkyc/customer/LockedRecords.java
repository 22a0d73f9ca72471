package org.openkyc.customer;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The customer records locked for KYC in the current transaction, as they were read, so that
 * {@link KycCustomers#startKyc} saves onto them without reading them again (a KYC start is the hot
 * path) while {@link KycSubject} stays plain data. Forgotten when the transaction ends.
 */
final class LockedRecords {

    private static final Object KEY = new Object() {
        @Override
        public String toString() {
            return "openkyc.customer.locked-records";
        }
    };

    private LockedRecords() {
    }

    static void remember(Collection<Customer> customers) {
        held().ifPresent(map -> customers.forEach(c -> map.put(c.customerId(), c)));
    }

    /** The record locked for KYC in this transaction; none is a caller's mistake (it must lock first). */
    static Customer get(UUID customerId) {
        Customer customer = held().map(map -> map.get(customerId)).orElse(null);
        if (customer == null) {
            throw new IllegalStateException("customer " + customerId + " was not locked for KYC in this transaction");
        }
        return customer;
    }

    @SuppressWarnings("unchecked")
    private static java.util.Optional<Map<UUID, Customer>> held() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return java.util.Optional.empty();
        }
        Map<UUID, Customer> map = (Map<UUID, Customer>) TransactionSynchronizationManager.getResource(KEY);
        if (map == null) {
            Map<UUID, Customer> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(KEY, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
                }
            });
            map = fresh;
        }
        return java.util.Optional.of(map);
    }
}
