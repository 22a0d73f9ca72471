package org.openkyc.screening;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Decisions on monitoring hits, taken by reviewers (the review package). */
public interface WatchlistHits {

    /** The hit is not this customer: the entry is never raised again for them. */
    void dismiss(UUID hitId, Instant at);

    /** The hit is this customer: the brand gets watchlist.match with "confirmed": true (SPEC §7.2), in the caller's transaction. */
    void confirm(UUID hitId, Instant at);

    /** The hit with what a reviewer needs beside the customer: entry, matched name, score, explanation in words. */
    Optional<Hit> find(UUID hitId);

    record Hit(UUID hitId, UUID brandId, UUID customerId, String list, String entryId, String primaryName,
               String matchedName, String entryType, java.util.List<String> programs, java.util.List<String> datesOfBirth,
               double score, String explanation, String status) {
    }
}
