package db.migration;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * An evaluator's claim on an attempt gets a column of its own, {@code leased_until}, instead of
 * pushing {@code eval_due_at} ahead. The work queue's index is on {@code eval_due_at}, so every
 * claim used to write a new row version with new entries in all of the table's indexes; a claim
 * that changes no indexed column is written beside the old version on the same page (a HOT update
 * on PostgreSQL, measured: a claim of 64 attempts touched ~1,000 blocks). Attempt pages keep a
 * fifth free for those versions (fillfactor 80, PostgreSQL only).
 *
 * <p>Rows leased before the upgrade keep their lease in {@code eval_due_at}, which still works: they
 * are simply not due before it ends.
 */
public class V8__AttemptLeases extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("ALTER TABLE kyc_attempt ADD COLUMN leased_until TIMESTAMP WITH TIME ZONE");
            if ("PostgreSQL".equals(context.getConnection().getMetaData().getDatabaseProductName())) {
                statement.execute("ALTER TABLE kyc_attempt SET (fillfactor = 80)");
            }
        }
    }
}
