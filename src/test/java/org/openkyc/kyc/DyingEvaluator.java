package org.openkyc.kyc;

import java.time.Clock;
import java.time.Instant;

import org.openkyc.db.DbTime;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * For tests ({@code @Import} it): another evaluator that claims the due attempts, as one does, and
 * dies at once: nothing renews its leases or writes its results.
 */
class DyingEvaluator {

    private final KycRepository repository;
    private final TransactionTemplate transactions;
    private final KycProperties properties;
    private final Clock clock;

    DyingEvaluator(KycRepository repository, TransactionTemplate transactions, KycProperties properties, Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** How many attempts it took. */
    int claim() {
        Instant now = DbTime.now(clock);
        return transactions.execute(s -> repository.claimDueEvaluations(now, now.plus(properties.evaluationLease()), 64)).size();
    }
}
