package org.openkyc.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openkyc.api.Timestamps;
import org.openkyc.privacy.PersonalDataCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * The event outbox (SPEC §7.3). {@link #append} must run inside the transaction of the state change
 * that causes the event, so it refuses to run without one; the rows are written as that
 * transaction commits. Payloads carry customer objects (names,
 * DOB), so they are stored encrypted like the rest of the personal data.
 */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PersonalDataCipher cipher;

    private final JdbcTemplate jdbcTemplate;

    Outbox(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
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
        UUID eventId = UUID.randomUUID();
        pending().add(new Object[] {eventId, brandId, eventType, customerId,
                cipher.encrypt(purpose(eventId), json.writeValueAsString(payload)), Timestamps.toDb(occurredAt)});
        return eventId;
    }

    /**
     * The events of the current transaction, written in one batch just before it commits (one round
     * trip however many events a change causes). A transaction that rolls back writes none.
     */
    private List<Object[]> pending() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = (List<Object[]>) TransactionSynchronizationManager.getResource(this);
        if (rows == null) {
            List<Object[]> created = new java.util.ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    jdbcTemplate.batchUpdate("""
                            INSERT INTO outbox_event (event_id, brand_id, event_type, customer_id, payload, occurred_at)
                            VALUES (?, ?, ?, ?, ?, ?)""", created);
                    created.clear();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
                }
            });
            rows = created;
        }
        return rows;
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
     * Takes up to {@code limit} events not yet fanned out, oldest first, skipping rows another
     * instance holds; the caller marks them with {@link #markFannedOut} in the same transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Pending> claimUnfanned(int limit) {
        return jdbc.sql("SELECT event_id, brand_id, event_type FROM outbox_event WHERE fanned_out = FALSE ORDER BY event_seq LIMIT ? FOR UPDATE SKIP LOCKED")
                .param(limit)
                .query((rs, n) -> new Pending(rs.getObject("event_id", UUID.class), rs.getObject("brand_id", UUID.class), rs.getString("event_type")))
                .list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void markFannedOut(List<UUID> eventIds) {
        jdbcTemplate.batchUpdate("UPDATE outbox_event SET fanned_out = TRUE WHERE event_id = ?",
                eventIds.stream().map(id -> new Object[] {id}).toList());
    }

    /** An event's JSON body, decrypted, as receivers get it. */
    public java.util.Optional<String> payload(UUID eventId) {
        return jdbc.sql("SELECT payload FROM outbox_event WHERE event_id = ?").param(eventId).query(String.class).optional()
                .map(sealed -> cipher.decrypt(purpose(eventId), sealed));
    }

    /** Events of types nobody subscribes to through fan-out (sent to one subscription directly) are written already fanned out. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID appendDirect(UUID brandId, String eventType, Instant occurredAt, Map<String, Object> payload, UUID eventId) {
        jdbc.sql("""
                INSERT INTO outbox_event (event_id, brand_id, event_type, customer_id, payload, occurred_at, fanned_out)
                VALUES (?, ?, ?, NULL, ?, ?, TRUE)""")
                .params(eventId, brandId, eventType, cipher.encrypt(purpose(eventId), json.writeValueAsString(payload)), Timestamps.toDb(occurredAt))
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
                            cipher.decrypt(purpose(eventId), rs.getString("payload")),
                            Timestamps.fromDb(rs.getObject("occurred_at", OffsetDateTime.class)));
                })
                .list();
    }

    private static String purpose(UUID eventId) {
        return "outbox.payload:" + eventId;
    }
}
