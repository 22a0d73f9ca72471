package org.openkyc.screening;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Which program each customer's KYC ran under, for ongoing monitoring to screen a customer with
 * their own program's lists and threshold (SPEC §9). Attempts are KYC's business: the kyc package
 * implements this (it depends on screening, so screening cannot ask it directly).
 */
public interface CustomerPrograms {

    /** The program of each customer's latest attempt that counts, by customer id; a customer without one is left out. */
    Map<UUID, UUID> programsOf(Collection<UUID> customerIds);
}
