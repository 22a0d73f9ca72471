package db.migration;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Drops the foreign keys from {@code kyc_attempt} to {@code brand} and {@code program}. Every new
 * attempt's key check took a share lock on the same brand and program row; with many attempts
 * committing at once PostgreSQL has to keep those shared locks as multixacts, which made the insert
 * the most expensive statement of a KYC start. Brands and programs are never deleted, and the
 * program is checked (and must belong to the brand) in the transaction that inserts the attempt;
 * the key to {@code customer} stays. Written in Java because the constraints' names differ between
 * PostgreSQL and H2: they are looked up in the standard information schema.
 */
public class V4__AttemptsWithoutHotParentKeys extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        List<String> constraints = new ArrayList<>();
        try (Statement statement = context.getConnection().createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT tc.constraint_name FROM information_schema.table_constraints tc
                     JOIN information_schema.key_column_usage kcu
                       ON kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name
                     WHERE LOWER(tc.table_name) = 'kyc_attempt' AND tc.constraint_type = 'FOREIGN KEY'
                       AND LOWER(kcu.column_name) IN ('brand_id', 'program_id')""")) {
            while (rs.next()) {
                constraints.add(rs.getString(1));
            }
        }
        if (constraints.size() != 2) {
            throw new IllegalStateException("expected the two foreign keys of kyc_attempt to brand and program, found " + constraints);
        }
        try (Statement statement = context.getConnection().createStatement()) {
            for (String name : constraints) {
                statement.execute("ALTER TABLE kyc_attempt DROP CONSTRAINT \"" + name.replace("\"", "\"\"") + "\"");
            }
        }
    }
}
