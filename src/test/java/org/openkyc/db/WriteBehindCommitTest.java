package org.openkyc.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Held-back writes queued late in a transaction's commit, on the real database (H2 and
 * PostgreSQL): each is either sent with the others or refused with an exception, never dropped.
 */
class WriteBehindCommitTest extends ApiTestBase {

    private static final String INSERT = "INSERT INTO bootstrap_marker (name, date_created) VALUES (?, ?)";

    @Autowired
    WriteBehind writes;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void writesQueuedByCallbacksBeforeTheCommitAreSentWithTheOthers() {
        String run = UUID.randomUUID().toString();
        transactions.executeWithoutResult(tx -> {
            writes.update(INSERT, run + "-first", OffsetDateTime.now());
            // registered after the held-back writes were first queued: its callbacks run after theirs
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    writes.update(INSERT, run + "-before-commit", OffsetDateTime.now());
                }

                @Override
                public void beforeCompletion() {
                    writes.insertIndependentRow(INSERT, run + "-before-completion", OffsetDateTime.now());
                }
            });
        });
        assertThat(markers(run)).containsExactlyInAnyOrder(run + "-first", run + "-before-commit", run + "-before-completion");
    }

    @Test
    void aWriteQueuedAfterTheCommitFailsLoudly() {
        String run = UUID.randomUUID().toString();
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            writes.update(INSERT, run + "-first", OffsetDateTime.now());
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    writes.update(INSERT, run + "-after-commit", OffsetDateTime.now());
                }
            });
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("after its transaction's writes were sent");
        assertThat(markers(run)).containsExactly(run + "-first");
    }

    @Test
    void aWriteQueuedAfterTheCommitOfATransactionWithoutOthersFailsLoudly() {
        String run = UUID.randomUUID().toString();
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx ->
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        writes.update(INSERT, run + "-after-commit", OffsetDateTime.now());
                    }
                }))).isInstanceOf(IllegalStateException.class);
        assertThat(markers(run)).isEmpty();
    }

    @Test
    void aLateWriteThatFailsRollsTheTransactionBack() {
        String run = UUID.randomUUID().toString();
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            writes.update(INSERT, run + "-first", OffsetDateTime.now());
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    writes.update(INSERT, run + "-first", OffsetDateTime.now()); // a duplicate of the first
                }
            });
        })).isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        assertThat(markers(run)).isEmpty();
    }

    private List<String> markers(String run) {
        return jdbc.sql("SELECT name FROM bootstrap_marker WHERE name LIKE ?").param(run + "%").query(String.class).list();
    }
}
