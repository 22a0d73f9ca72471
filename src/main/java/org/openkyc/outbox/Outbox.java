package org.openkyc.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.openkyc.db.AfterCommit;
import org.openkyc.db.IdArray;
import org.openkyc.db.Ids;
import org.openkyc.db.WriteBehind;
import org.openkyc.privacy.PersonalDataCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The event outbox (SPEC §7.3). {@link #append} must run inside the transaction of the state change
 * that causes the event, so it refuses to run without one; the rows are written as that
 * transaction commits, in the round trip of its other held-back writes ({@link WriteBehind}). Payloads that carry customer objects (names, DOB) are stored encrypted
 * like the rest of the personal data; those that carry only ids and states
 * ({@link #appendWithoutPersonalData}) are stored as they are, which saves the cipher on the hot path.
 */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PersonalDataCipher cipher;

    private final WriteBehind writes;
    private final List<Runnable> committedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    Outbox(JdbcClient jdbc, WriteBehind writes, JsonMapper json, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.json = json;
        this.cipher = cipher;
    }

    /** An event as stored: its JSON payload is decrypted. */
    public record Event(long seq, UUID eventId, UUID brandId, String eventType, UUID customerId, String payload, Instant occurredAt) {
    }

    /**
     * @param payload the event body as receivers will see it; it already contains {@code event} and
     *                {@code occurred_at}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID append(UUID brandId, String eventType, UUID customerId, Instant occurredAt, Map<String, Object> payload) {
        UUID eventId = Ids.newId();
        write(new Object[] {eventId, brandId, eventType, customerId,
                cipher.encrypt(purpose(eventId), json.writeValueAsString(payload)), DbTime.toDb(occurredAt)});
        return eventId;
    }

    /** Like {@link #append}, for a payload of ids, states and codes only: stored unencrypted. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID appendWithoutPersonalData(UUID brandId, String eventType, UUID customerId, Instant occurredAt, Map<String, Object> payload) {
        UUID eventId = Ids.newId();
        write(new Object[] {eventId, brandId, eventType, customerId, json.writeValueAsString(payload), DbTime.toDb(occurredAt)});
        return eventId;
    }

    /** Held back to the commit, where the events go with the transaction's other held-back writes. */
    private void write(Object[] row) {
        writes.insertIndependentRow("""
                INSERT INTO outbox_event (event_id, brand_id, event_type, customer_id, payload, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?)""", row);
        writes.insertIndependentRow("INSERT INTO outbox_pending (event_id, brand_id, event_type) VALUES (?, ?, ?)", row[0], row[1], row[2]);
        AfterCommit.runOnce(this, this::eventsCommitted);
    }

    /**
     * Runs {@code listener} after every commit that wrote events, so the webhook dispatcher sends
     * them at once instead of at its next poll. Listeners must be quick; they run on the committing thread.
     */
    public void whenEventsCommitted(Runnable listener) {
        committedListeners.add(listener);
    }

    private void eventsCommitted() {
        committedListeners.forEach(Runnable::run);
    }

    /**
     * Removes the customer object ({@code details}) from a deleted customer's earlier events of the
     * given types, so no personal data outlives the customer here (SPEC §4).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void redactCustomer(UUID brandId, UUID customerId, String... eventTypes) {
        for (Event event : forCustomer(brandId, customerId)) {
            if (!java.util.List.of(eventTypes).contains(event.eventType())) {
                continue;
            }
            tools.jackson.databind.node.ObjectNode payload = (tools.jackson.databind.node.ObjectNode) json.readTree(event.payload());
            tools.jackson.databind.node.ObjectNode erased = payload.putObject("details");
            erased.put("customer_id", customerId.toString());
            erased.put("erased", true);
            jdbc.sql("UPDATE outbox_event SET payload = ? WHERE event_id = ?")
                    .params(cipher.encrypt(purpose(event.eventId()), json.writeValueAsString(payload)), event.eventId()).update();
        }
    }

    /** An event waiting to be fanned out to subscriptions. */
    public record Pending(UUID eventId, UUID brandId, String eventType) {
    }

    /**
     * Takes up to {@code limit} events not yet fanned out, oldest first, skipping those another
     * instance holds, and removes them from the waiting list: the caller turns them into deliveries
     * in the same transaction, so a rollback puts them back.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Pending> takePending(int limit) {
        List<Long> seqs = new java.util.ArrayList<>();
        List<Pending> events = jdbc.sql("SELECT pending_seq, event_id, brand_id, event_type FROM outbox_pending ORDER BY pending_seq LIMIT ? FOR UPDATE SKIP LOCKED")
                .param(limit)
                .query((rs, n) -> {
                    seqs.add(rs.getLong("pending_seq"));
                    return new Pending(rs.getObject("event_id", UUID.class), rs.getObject("brand_id", UUID.class), rs.getString("event_type"));
                })
                .list();
        if (!seqs.isEmpty()) {
            jdbc.sql("DELETE FROM outbox_pending WHERE pending_seq = ANY(?)").param(seqs.toArray(Long[]::new)).update();
        }
        return events;
    }

    /** Events waiting to be fanned out. */
    public long pendingCount() {
        return jdbc.sql("SELECT COUNT(*) FROM outbox_pending").query(Long.class).single();
    }

    /** The JSON bodies of the given events, decrypted, in one query; events that do not exist are absent. */
    public Map<UUID, String> payloads(java.util.Collection<UUID> eventIds) {
        Map<UUID, String> bodies = new java.util.HashMap<>();
        if (eventIds.isEmpty()) {
            return bodies;
        }
        jdbc.sql("SELECT event_id, payload FROM outbox_event WHERE event_id = ANY(?)").param(IdArray.of(eventIds))
                .query(rs -> {
                    UUID eventId = rs.getObject("event_id", UUID.class);
                    bodies.put(eventId, open(eventId, rs.getString("payload")));
                });
        return bodies;
    }

    /** Events of types nobody subscribes to through fan-out (sent to one subscription directly): never waiting for fan-out. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID appendDirect(UUID brandId, String eventType, Instant occurredAt, Map<String, Object> payload, UUID eventId) {
        jdbc.sql("""
                INSERT INTO outbox_event (event_id, brand_id, event_type, customer_id, payload, occurred_at)
                VALUES (?, ?, ?, NULL, ?, ?)""")
                .params(eventId, brandId, eventType, cipher.encrypt(purpose(eventId), json.writeValueAsString(payload)), DbTime.toDb(occurredAt))
                .update();
        return eventId;
    }

    /** A customer's events in the order they were written. */
    public List<Event> forCustomer(UUID brandId, UUID customerId) {
        return jdbc.sql("""
                SELECT event_seq, event_id, brand_id, event_type, customer_id, payload, occurred_at
                FROM outbox_event WHERE brand_id = ? AND customer_id = ? ORDER BY event_seq""")
                .params(brandId, customerId)
                .query((rs, n) -> {
                    UUID eventId = rs.getObject("event_id", UUID.class);
                    return new Event(rs.getLong("event_seq"), eventId, rs.getObject("brand_id", UUID.class),
                            rs.getString("event_type"), rs.getObject("customer_id", UUID.class),
                            open(eventId, rs.getString("payload")),
                            DbTime.fromDb(rs.getObject("occurred_at", OffsetDateTime.class)));
                })
                .list();
    }

    /** A stored payload as JSON: encrypted ones start with the cipher's {@code v1:} prefix, plain ones with {@code {}. */
    private String open(UUID eventId, String stored) {
        return stored.startsWith("{") ? stored : cipher.decrypt(purpose(eventId), stored);
    }

    private static String purpose(UUID eventId) {
        return "outbox.payload:" + eventId;
    }
}
