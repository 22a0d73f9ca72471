package org.openkyc.customer;

import java.util.UUID;

/**
 * Published inside the transaction that deletes a customer: capabilities holding personal data
 * about the customer erase it in the same transaction (SPEC §4).
 */
public record CustomerErased(UUID brandId, UUID customerId) {
}
