package org.openkyc.screening;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.customer.Customers;
import org.openkyc.db.DbTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for monitoring runs and the fingerprints of the entries last monitored (V14). */
@Repository
class MonitoringRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    MonitoringRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A run as claimed: where it stands. */
    record Run(String runKey, UUID afterCustomer, long screened, int raised) {
    }

    Map<String, String> monitoredFingerprints() {
        Map<String, String> out = new HashMap<>();
        jdbc.sql("SELECT entry_id, fingerprint FROM watchlist_monitored_entry").query(rs -> {
            out.put(rs.getString(1), rs.getString(2));
        });
        return out;
    }

    /** Creates the run unless it exists (another instance, or this one before a restart, made it). */
    void createRun(String runKey, String listVersions, int entries, Instant now) {
        jdbc.sql("""
                INSERT INTO watchlist_monitoring_run (run_key, list_versions, entries, after_customer, screened, raised, started_at)
                VALUES (?, ?, ?, ?, 0, 0, ?) ON CONFLICT DO NOTHING""")
                .params(runKey, listVersions, entries, Customers.FIRST_ID, DbTime.toDb(now)).update();
    }

    long finishedRuns() {
        return jdbc.sql("SELECT COUNT(*) FROM watchlist_monitoring_run WHERE done_at IS NOT NULL").query(Long.class).single();
    }

    /** Whether the run is finished (by any instance). */
    boolean done(String runKey) {
        return jdbc.sql("SELECT COUNT(*) FROM watchlist_monitoring_run WHERE run_key = ? AND done_at IS NOT NULL")
                .param(runKey).query(Long.class).single() > 0;
    }

    /**
     * The unfinished run locked for the rest of the transaction, or empty when it is finished or
     * another instance is working on it (its row is locked: skipped, not waited for).
     */
    Optional<Run> claim(String runKey) {
        return jdbc.sql("SELECT run_key, after_customer, screened, raised FROM watchlist_monitoring_run"
                        + " WHERE run_key = ? AND done_at IS NULL FOR UPDATE SKIP LOCKED")
                .param(runKey)
                .query((rs, n) -> new Run(rs.getString(1), rs.getObject(2, UUID.class), rs.getLong(3), rs.getInt(4))).optional();
    }

    void advance(String runKey, UUID afterCustomer, long screened, int raised) {
        jdbc.sql("UPDATE watchlist_monitoring_run SET after_customer = ?, screened = ?, raised = ? WHERE run_key = ?")
                .params(afterCustomer, screened, raised, runKey).update();
    }

    void finish(String runKey, Instant now) {
        jdbc.sql("UPDATE watchlist_monitoring_run SET done_at = ? WHERE run_key = ?").params(DbTime.toDb(now), runKey).update();
    }

    /** Makes the stored fingerprints those of {@code current}: removed entries go, added and changed ones are written. */
    void replaceFingerprints(Map<String, String> stored, Map<String, String> current) {
        List<Object[]> gone = new ArrayList<>();
        stored.keySet().stream().filter(id -> !current.containsKey(id)).forEach(id -> gone.add(new Object[] {id}));
        List<Object[]> changed = new ArrayList<>();
        List<Object[]> added = new ArrayList<>();
        current.forEach((id, fp) -> {
            String before = stored.get(id);
            if (before == null) {
                added.add(new Object[] {id, fp});
            } else if (!before.equals(fp)) {
                changed.add(new Object[] {fp, id});
            }
        });
        template.batchUpdate("DELETE FROM watchlist_monitored_entry WHERE entry_id = ?", gone);
        template.batchUpdate("UPDATE watchlist_monitored_entry SET fingerprint = ? WHERE entry_id = ?", changed);
        template.batchUpdate("INSERT INTO watchlist_monitored_entry (entry_id, fingerprint) VALUES (?, ?)", added);
    }
}
