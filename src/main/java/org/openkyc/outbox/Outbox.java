package org.openkyc.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.openkyc.api.Timestamps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Appends events to the outbox table. It must run inside the transaction of the state change that
 * causes the event (SPEC §7.3), so it refuses to run without one.
 */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Outbox(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * @param payload the event body as receivers will see it; it must already contain
     *                {@code event} and {@code occurred_at}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID append(UUID brandId, String eventType, UUID customerId, Instant occurredAt, Map<String, Object> payload) {
        UUID eventId = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO outbox_event (event_id, brand_id, event_type, customer_id, payload, occurred_at)
                VALUES (:eventId, :brandId, :eventType, :customerId, :payload, :occurredAt)""")
                .param("eventId", eventId)
                .param("brandId", brandId)
                .param("eventType", eventType)
                .param("customerId", customerId)
                .param("payload", json.writeValueAsString(payload))
                .param("occurredAt", Timestamps.toDb(occurredAt))
                .update();
        return eventId;
    }
}
