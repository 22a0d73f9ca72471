package org.openkyc.customer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes, once, the SSN blind index of every customer written before the BlindIndex
 * thread-safety fix (V10 marks those rows unverified). It walks the table in id order, a batch a
 * transaction, each batch's rows locked while they are rewritten: any number of instances may run
 * it at once (they wait for each other's rows, and the result is the same), and a kill loses only
 * the batch in flight, since every repaired row is marked. When a walk finds nothing left, the job
 * is recorded as done and later starts skip it.
 */
@Component
class SsnIndexRepair {

    static final String JOB = "ssn_bidx_repair_v10";
    private static final Logger log = LoggerFactory.getLogger(SsnIndexRepair.class);
    private static final int BATCH = 500;
    private static final Duration RETRY = Duration.ofSeconds(30);

    private final CustomerRepository repository;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SsnIndexRepair(CustomerRepository repository, TransactionTemplate transactions, Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startInBackground() {
        Thread.ofVirtual().name("ssn-index-repair").start(this::runUntilDone);
    }

    private void runUntilDone() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                run();
                return;
            } catch (DataAccessException e) {
                log.warn("SSN index repair interrupted by the database ({}); trying again in {}", e.getClass().getSimpleName(), RETRY);
                try {
                    Thread.sleep(RETRY);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** One walk over the unverified rows; returns how many were repaired. */
    int run() {
        if (repository.maintenanceDone(JOB)) {
            return 0;
        }
        int repaired = 0;
        int undecryptable = 0;
        UUID after = new UUID(0, 0);
        while (true) {
            UUID from = after;
            Batch batch = transactions.execute(status -> repairBatch(from));
            if (batch == null || batch.last() == null) {
                break;
            }
            repaired += batch.repaired();
            undecryptable += batch.undecryptable();
            after = batch.last();
        }
        if (undecryptable > 0) {
            // Left unverified: a key that comes back lets a later start finish them.
            log.warn("SSN index repair: {} customers' SSNs could not be decrypted with the configured keys; left as they were", undecryptable);
            return repaired;
        }
        try {
            repository.markMaintenanceDone(JOB, DbTime.now(clock));
        } catch (DataAccessException alreadyMarked) {
            // another instance finished the same walk at the same moment
        }
        if (repaired > 0) {
            log.info("SSN index repair: {} customers' blind indexes checked and rewritten", repaired);
        }
        return repaired;
    }

    private record Batch(UUID last, int repaired, int undecryptable) {
    }

    private Batch repairBatch(UUID after) {
        List<CustomerRepository.UnverifiedSsn> rows = repository.lockUnverifiedSsnIndexes(after, BATCH);
        int repaired = 0;
        for (CustomerRepository.UnverifiedSsn row : rows) {
            if (repository.repairSsnIndex(row)) {
                repaired++;
            }
        }
        return new Batch(rows.isEmpty() ? null : rows.getLast().customerId(), repaired, rows.size() - repaired);
    }
}
