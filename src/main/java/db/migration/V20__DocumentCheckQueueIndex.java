package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The document checks' claim ({@code kyc.KycDocumentChecks}: attempts {@code document_required}
 * whose documents are in, {@code eval_due_at} come) gets an index on PostgreSQL. V5 made the
 * evaluation queue's index partial ({@code WHERE status = 'submitted'}), which left this claim,
 * run every second by every instance, reading the whole table. Partial as V5's are: only attempts
 * waiting for their document check, so it stays as small as that backlog. H2 keeps V2's full
 * {@code (status, eval_due_at)} index (no partial indexes), which serves the claim already.
 */
public class V20__DocumentCheckQueueIndex extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        if (!"PostgreSQL".equals(context.getConnection().getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("CREATE INDEX kyc_attempt_document_check_due ON kyc_attempt (eval_due_at)"
                    + " WHERE status = 'document_required' AND eval_due_at IS NOT NULL");
        }
    }
}
