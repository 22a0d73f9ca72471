package org.openkyc.screening;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Reviewers' decisions on watchlist candidates (the review package): monitoring hits, and the candidates of a KYC attempt they cleared. */
public interface WatchlistHits {

    /** The hit is not this customer: the entry is never raised again for them. */
    void dismiss(UUID hitId, Instant at);

    /** The hit is this customer: the brand gets watchlist.match with "confirmed": true (SPEC §7.2), in the caller's transaction. */
    void confirm(UUID hitId, Instant at);

    /**
     * The candidates of a KYC attempt's watchlist check, cleared by reviewers when they approved it
     * (four eyes): each is stored as a dismissed hit of the customer for its entry, so that
     * monitoring never raises that entry for them again, exactly as for a monitoring hit dismissed as
     * a false positive. An entry the customer already has a hit for keeps that hit (a raised one is
     * decided on its own case). In the caller's transaction; a repeat changes nothing.
     */
    void dismissCleared(UUID brandId, UUID customerId, java.util.List<Cleared> candidates, Instant at);

    /**
     * A candidate as the KYC watchlist check stored it in its evidence: list, entry id
     * ({@code list-ent_num}), the version of the list screened, names, score, the entry's type,
     * programs, DOBs and nationalities, and the reason in words.
     */
    record Cleared(String list, String entryId, String listVersion, String primaryName, String matchedName, String matchedAs,
                   double score, String type, java.util.List<String> programs, java.util.List<String> datesOfBirth,
                   java.util.List<String> nationalities, String reason) {
    }

    /**
     * The entries reviewers confirmed as each of these customers (a confirmed monitoring hit):
     * SPEC §8.2 fails a new attempt of such a customer. Customers without one are absent.
     */
    java.util.Map<UUID, java.util.List<String>> confirmedEntries(java.util.Collection<UUID> customerIds);

    /** The hit with what a reviewer needs beside the customer: entry, matched name, score, explanation in words. */
    Optional<Hit> find(UUID hitId);

    record Hit(UUID hitId, UUID brandId, UUID customerId, String list, String entryId, String primaryName,
               String matchedName, String entryType, java.util.List<String> programs, java.util.List<String> datesOfBirth,
               double score, String explanation, String status) {
    }
}
