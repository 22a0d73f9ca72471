package org.openkyc.db;

import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Hooks {@link WriteBehind} into the transaction manager (Spring Boot registers every listener
 * bean with it): the held-back writes go at the last moment before the commit, when no callback
 * of the transaction can still queue one.
 */
@Component
class SendAtCommit implements TransactionExecutionListener {

    private final WriteBehind writes;

    SendAtCommit(WriteBehind writes) {
        this.writes = writes;
    }

    @Override
    public void beforeCommit(TransactionExecution transaction) {
        if (transaction.isNewTransaction()) { // an outer transaction's commit, not a participant's or a savepoint's
            writes.sendAtCommit();
        }
    }
}
