package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, the indexes that find work (attempts due for evaluation, document deadlines)
 * cover only the rows that are still work. The full indexes they
 * replace took an entry for every state change of every attempt, forever; a
 * partial index takes one when a row becomes work and none when it stops being work, and it stays
 * as small as the backlog. Customers get room on their pages (fillfactor 85), so that a change of
 * KYC state, which touches no indexed column, can be written beside the old row version without
 * new index entries (a HOT update). H2 has no partial indexes: its indexes stay as they are.
 */
public class V5__SmallerQueueIndexes extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        if (!"PostgreSQL".equals(context.getConnection().getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("DROP INDEX kyc_attempt_eval_due");
            statement.execute("CREATE INDEX kyc_attempt_eval_due ON kyc_attempt (eval_due_at) WHERE status = 'submitted'");
            statement.execute("DROP INDEX kyc_attempt_documents_due");
            statement.execute("CREATE INDEX kyc_attempt_documents_due ON kyc_attempt (documents_due_at) WHERE status = 'document_required'");
            statement.execute("ALTER TABLE customer SET (fillfactor = 85)");
        }
    }
}
