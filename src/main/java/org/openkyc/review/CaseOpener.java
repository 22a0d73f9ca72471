package org.openkyc.review;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.openkyc.db.DbTime;
import org.openkyc.db.Ids;
import org.openkyc.kyc.AttemptLeftReview;
import org.openkyc.kyc.AttemptUnderReview;
import org.openkyc.screening.WatchlistMatchRaised;
import org.openkyc.verification.Reason;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens and closes cases with the changes that cause them, synchronously in their transactions: an
 * attempt entering review or a monitoring hit opens a case; an attempt leaving review by another path
 * (the sandbox simulation) closes its case, with no reviewer. (A customer with an attempt in review,
 * or who passed, cannot be deleted: no case loses its customer.)
 */
@Component
class CaseOpener {

    static final String CLOSED_ELSEWHERE = "closed_elsewhere";

    private final CaseRepository cases;
    private final Clock clock;

    CaseOpener(CaseRepository cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    /**
     * An attempt a reviewer sent back for documents comes to review again with only the document
     * reasons: its new case carries the reasons of its earlier cases too, so that what made the
     * first case a watchlist or duplicate-identity case (four eyes, a required note) still holds.
     */
    @EventListener
    void on(AttemptUnderReview e) {
        java.util.Map<String, Reason> reasons = new java.util.LinkedHashMap<>();
        for (ReviewCase earlier : cases.ofAttempt(e.kycId()).reversed()) {
            earlier.reasons().forEach(r -> reasons.putIfAbsent(r.code(), r));
        }
        e.reasons().forEach(r -> reasons.putIfAbsent(r.code(), r));
        List<Reason> all = List.copyOf(reasons.values());
        List<String> codes = all.stream().map(Reason::code).toList();
        cases.insert(new ReviewCase(Ids.newId(), e.brandId(), e.customerId(), ReviewCase.Kind.KYC, e.kycId(), null, codes, all,
                ReviewCase.Status.OPEN, null, null, null, null, null, 0, e.at(), e.at()));
    }

    @EventListener
    void on(WatchlistMatchRaised e) {
        // Ids, list and score only: the entry's names are read from screening when the case is shown.
        Reason reason = new Reason(ReviewCase.WATCHLIST_MATCH, "watchlist", String.format(Locale.ROOT,
                "Ongoing monitoring found the customer close to entry %s of list %s (score %.3f).", e.entryId(), e.list(), e.score()));
        var now = DbTime.now(clock);
        cases.insert(new ReviewCase(Ids.newId(), e.brandId(), e.customerId(), ReviewCase.Kind.MONITORING, null, e.hitId(),
                List.of(ReviewCase.WATCHLIST_MATCH), List.of(reason), ReviewCase.Status.OPEN, null, null, null, null, null, 0, now, now));
    }

    /** A reviewer's decision closes its case before the attempt moves, so this finds nothing open then. */
    @EventListener
    void on(AttemptLeftReview e) {
        cases.closeOpenOfAttempt(e.kycId(), CLOSED_ELSEWHERE, e.at());
    }
}
