package org.openkyc.customer;

import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A customer who passed KYC or is in review, as ongoing watchlist monitoring sees them (SPEC §9):
 * the name and, decrypted only when asked (most customers match nothing and never need it), the
 * DOB. Never logged: {@link #toString()} shows the id only.
 */
public final class MonitoredCustomer {

    private final UUID customerId;
    private final UUID brandId;
    private final String fullName;
    private final Supplier<LocalDate> dob;

    MonitoredCustomer(UUID customerId, UUID brandId, String firstName, String middleName, String lastName, Supplier<LocalDate> dob) {
        this.customerId = customerId;
        this.brandId = brandId;
        this.fullName = Stream.of(firstName, middleName, lastName).filter(n -> n != null && !n.isBlank())
                .collect(Collectors.joining(" "));
        this.dob = dob;
    }

    public UUID customerId() {
        return customerId;
    }

    public UUID brandId() {
        return brandId;
    }

    /** First, middle and last name, as the KYC watchlist check screens them. */
    public String fullName() {
        return fullName;
    }

    /** Decrypted at each call; null when the customer has none. */
    public LocalDate dob() {
        return dob.get();
    }

    @Override
    public String toString() {
        return "MonitoredCustomer[" + customerId + "]";
    }
}
