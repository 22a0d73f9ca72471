package org.openkyc.screening;

import java.util.UUID;

/** A potential match raised by ongoing monitoring (SPEC §9), published in the transaction that stored it. */
public record WatchlistMatchRaised(UUID hitId, UUID brandId, UUID customerId, String list, String entryId, double score) {
}
