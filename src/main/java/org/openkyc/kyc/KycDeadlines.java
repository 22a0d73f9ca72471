package org.openkyc.kyc;

import java.util.List;

import org.openkyc.api.Timestamps;
import org.openkyc.verification.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** SPEC §5.5: an attempt waiting for documents past the program's deadline expires, with its timeout event. */
@Component
class KycDeadlines {

    private static final Logger log = LoggerFactory.getLogger(KycDeadlines.class);
    private static final int BATCH = 100;

    private final KycRepository repository;
    private final KycTransitions transitions;
    private final TransactionTemplate transactions;

    KycDeadlines(KycRepository repository, KycTransitions transitions, TransactionTemplate transactions) {
        this.repository = repository;
        this.transitions = transitions;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "${openkyc.kyc.deadline-scan-interval:30s}", initialDelayString = "${openkyc.kyc.deadline-scan-interval:30s}")
    void expireOverdueDocumentWaits() {
        try {
            int expired;
            do {
                expired = expireBatch();
            } while (expired == BATCH);
        } catch (RuntimeException e) {
            log.warn("document deadline scan failed: {}", e.getClass().getSimpleName());
        }
    }

    /** Expires one batch in one transaction; rows another instance holds are skipped. */
    int expireBatch() {
        Integer count = transactions.execute(status -> {
            List<java.util.UUID> due = repository.claimExpiredDocumentWaits(Timestamps.now(), BATCH);
            for (java.util.UUID kycId : due) {
                repository.findForUpdate(kycId).ifPresent(attempt -> transitions.apply(attempt, KycTransitions.Change.to(KycStatus.EXPIRED,
                        List.of(new Reason("documents_not_received", "The requested documents did not arrive before the deadline.")))));
            }
            return due.size();
        });
        return count == null ? 0 : count;
    }
}
