package org.openkyc.kyc;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.openkyc.db.DbTime;
import org.openkyc.db.SweepLock;
import org.openkyc.customer.KycCustomers;
import org.openkyc.verification.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** SPEC §5.5: an attempt waiting for documents past the program's deadline expires, with its timeout event. */
@Component
class KycDeadlines {

    private static final Logger log = LoggerFactory.getLogger(KycDeadlines.class);
    private static final int BATCH = 100;
    static final String SWEEP = "kyc-document-deadlines";

    private final KycRepository repository;
    private final KycTransitions transitions;
    private final TransactionTemplate transactions;
    private final KycCustomers customers;
    private final Clock clock;
    private final SweepLock lock;
    private final Duration interval;

    KycDeadlines(KycRepository repository, KycTransitions transitions, TransactionTemplate transactions, KycCustomers customers, Clock clock,
                 SweepLock lock, @Value("${openkyc.kyc.deadline-scan-interval:30s}") Duration interval) {
        this.clock = clock;
        this.lock = lock;
        this.interval = interval;
        this.customers = customers;
        this.repository = repository;
        this.transitions = transitions;
        this.transactions = transactions;
    }

    /** Every instance schedules the scan; one of them does each round (the others skip it). */
    @Scheduled(fixedDelayString = "${openkyc.kyc.deadline-scan-interval:30s}", initialDelayString = "${openkyc.kyc.deadline-scan-interval:30s}")
    void scan() {
        try {
            lock.runRound(SWEEP, interval, this::expireOverdueDocumentWaits);
        } catch (RuntimeException e) {
            log.warn("document deadline scan not claimed: {}", e.getClass().getSimpleName());
        }
    }

    void expireOverdueDocumentWaits() {
        try {
            List<KycRepository.Ids> due;
            do {
                due = repository.overdueDocumentWaits(DbTime.now(clock), BATCH);
                due.forEach(this::expire);
            } while (due.size() == BATCH);
        } catch (RuntimeException e) {
            log.warn("document deadline scan failed: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * One attempt, one transaction, locked customer first like every other path. Another instance
     * may have expired it meanwhile: then it is no longer waiting and is left alone.
     */
    private void expire(KycRepository.Ids ids) {
        transactions.executeWithoutResult(status -> {
            customers.lockForKyc(ids.brandId(), ids.customerId());
            repository.findForUpdate(ids.kycId())
                    .filter(a -> a.status() == KycStatus.DOCUMENT_REQUIRED && a.documentsDueAt() != null
                            && !a.documentsDueAt().isAfter(DbTime.now(clock)))
                    .ifPresent(attempt -> transitions.apply(attempt, KycTransitions.Change.to(KycStatus.EXPIRED,
                            List.of(Reason.of("documents_not_received")))));
        });
    }
}
