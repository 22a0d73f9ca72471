package org.openkyc.screening;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.openkyc.db.IdArray;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SQL for monitoring hits ({@code watchlist_hit}, V14). */
@Repository
class HitRepository {

    static final String RAISED = "raised";
    static final String DISMISSED = "dismissed";
    static final String CONFIRMED = "confirmed";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    HitRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A hit as stored, with the entry as the API shows it ({@link MatchView#entry}). */
    record StoredHit(UUID hitId, UUID brandId, UUID customerId, String list, String entryId, String listVersion, String primaryName,
                     String matchedName, String matchedAs, JsonNode entry, double score, String explanation, String status) {
    }

    /**
     * Stores the hit unless the customer already has one for this entry, whatever its status (a
     * dismissed candidate is never raised again; a raised one not twice). True when stored.
     */
    boolean insertIfNew(UUID hitId, UUID brandId, UUID customerId, Match m, String listVersion, Instant now) {
        return jdbc.sql("""
                INSERT INTO watchlist_hit (hit_id, brand_id, customer_id, list, entry_id, list_version, primary_name, matched_name,
                    matched_as, entry, score, explanation, status, raised_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")
                .params(hitId, brandId, customerId, m.list(), m.entry().uid(), listVersion, m.entry().name(), m.matchedName(),
                        m.matchedAs(), json.writeValueAsString(MatchView.entry(m.entry())), m.score(), m.reason(), RAISED,
                        DbTime.toDb(now))
                .update() == 1;
    }

    /**
     * Stores a candidate reviewers cleared at KYC as a hit already dismissed, unless the customer
     * has a hit for the entry (as {@link #insertIfNew}: whatever its status, it stays). True when stored.
     */
    boolean insertDismissedIfNew(UUID hitId, UUID brandId, UUID customerId, WatchlistHits.Cleared c, Map<String, Object> entry, Instant at) {
        return jdbc.sql("""
                INSERT INTO watchlist_hit (hit_id, brand_id, customer_id, list, entry_id, list_version, primary_name, matched_name,
                    matched_as, entry, score, explanation, status, raised_at, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")
                .params(hitId, brandId, customerId, c.list(), c.entryId(), c.listVersion(), orEmpty(c.primaryName()),
                        orEmpty(c.matchedName()), orEmpty(c.matchedAs()), json.writeValueAsString(entry), c.score(), orEmpty(c.reason()),
                        DISMISSED, DbTime.toDb(at), DbTime.toDb(at))
                .update() == 1;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Moves a raised hit to {@code status}; false when it is not (or no longer) raised. */
    boolean decide(UUID hitId, String status, Instant at) {
        return jdbc.sql("UPDATE watchlist_hit SET status = ?, decided_at = ? WHERE hit_id = ? AND status = ?")
                .params(status, DbTime.toDb(at), hitId, RAISED).update() == 1;
    }

    Optional<StoredHit> find(UUID hitId) {
        return jdbc.sql("SELECT * FROM watchlist_hit WHERE hit_id = ?").param(hitId).query(this::map).optional();
    }

    List<StoredHit> forCustomer(UUID customerId) {
        return jdbc.sql("SELECT * FROM watchlist_hit WHERE customer_id = ? ORDER BY raised_at, hit_id").param(customerId).query(this::map).list();
    }

    /** The entries reviewers confirmed for each of these customers (one statement for any number, see db.IdArray). */
    Map<UUID, List<String>> confirmedEntries(Collection<UUID> customerIds) {
        Map<UUID, List<String>> confirmed = new HashMap<>();
        if (customerIds.isEmpty()) {
            return confirmed;
        }
        jdbc.sql("SELECT customer_id, entry_id FROM watchlist_hit WHERE customer_id = ANY(?) AND status = ? ORDER BY entry_id")
                .params(IdArray.of(customerIds), CONFIRMED)
                .query((rs, row) -> confirmed.computeIfAbsent(rs.getObject("customer_id", UUID.class), c -> new ArrayList<>()).add(rs.getString("entry_id")))
                .list();
        return confirmed;
    }

    /** The explanation quotes the customer's name: it goes with the customer (SPEC §4). */
    void eraseExplanations(UUID brandId, UUID customerId) {
        jdbc.sql("UPDATE watchlist_hit SET explanation = ? WHERE customer_id = ? AND brand_id = ?")
                .params("(erased with the customer)", customerId, brandId).update();
    }

    private StoredHit map(ResultSet rs, int row) throws SQLException {
        return new StoredHit(rs.getObject("hit_id", UUID.class), rs.getObject("brand_id", UUID.class), rs.getObject("customer_id", UUID.class),
                rs.getString("list"), rs.getString("entry_id"), rs.getString("list_version"), rs.getString("primary_name"),
                rs.getString("matched_name"), rs.getString("matched_as"), json.readTree(rs.getString("entry")), rs.getDouble("score"),
                rs.getString("explanation"), rs.getString("status"));
    }
}
