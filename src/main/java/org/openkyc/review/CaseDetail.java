package org.openkyc.review;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openkyc.customer.CustomerProfile;
import org.openkyc.kyc.AttemptRecords;
import org.openkyc.screening.WatchlistHits;

/**
 * Everything a case page shows (SPEC §10). {@code customer} is null once the customer was deleted;
 * {@code attempt} is the case's attempt (a monitoring case: the customer's latest, null if none);
 * {@code hit} is the monitoring hit (null for a KYC case, or when screening cannot say);
 * {@code candidates}, {@code licence} and {@code duplicateCustomerIds} are read from the check
 * evidence (empty / null when no check found any); {@code actions} are the decisions this
 * reviewer may take now, and {@code fourEyes} says that approving takes a second person.
 * {@code duplicateCases}: for each other customer with the SSN who has a case in this brand, that
 * case (an open one, else the latest).
 */
record CaseDetail(ReviewCase reviewCase, Duration waited, CustomerProfile customer, AttemptRecords.Attempt attempt,
                  List<AttemptRecords.CheckRecord> checks, List<Candidate> candidates, Licence licence, List<UUID> duplicateCustomerIds,
                  WatchlistHits.Hit hit, List<AttemptRecords.DocumentFile> documents, List<TimelineEntry> timeline,
                  List<Decision.Action> actions, boolean fourEyes, boolean noteRequiredToApprove, Map<UUID, UUID> duplicateCases) {

    /** A watchlist entry the applicant's name came close to, as the watchlist check stored it. */
    record Candidate(String list, String entryId, String primaryName, String matchedName, String matchedAs, double score, String type,
                     List<String> programs, List<String> datesOfBirth, List<String> nationalities, String reason) {
    }

    /**
     * The licence comparison as the document check stored it ({@code fields}: version, document
     * type, state, expiry — never the document number), the fields that did not match the customer
     * ({@code family_name}, {@code given_name}, {@code dob}, {@code expired}), notes, and the fields
     * the barcode said ({@code decoded}, opened for this view; null when there are none to open).
     */
    record Licence(Map<String, Object> fields, List<String> mismatches, List<String> notes, AttemptRecords.DecodedLicence decoded) {
    }

    /** One step in the case's life: {@code who} is a reviewer's username, or null for the system. */
    record TimelineEntry(Instant at, String what, String who, String detail) {
    }
}
