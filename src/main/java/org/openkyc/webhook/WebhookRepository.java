package org.openkyc.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.openkyc.db.IdArray;
import org.openkyc.privacy.PersonalDataCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for subscriptions, deliveries and delivery attempts. Secrets are stored encrypted. */
@Repository
class WebhookRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json;
    private final PersonalDataCipher cipher;

    WebhookRepository(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
        this.cipher = cipher;
    }

    record Delivery(UUID deliveryId, UUID webhookId, UUID brandId, UUID eventId, String eventType, String status, int attempts,
                    Instant nextAttemptAt, Integer lastStatus, Instant lastAttemptAt, Instant dateCreated) {
    }

    record Attempt(int attempt, Instant attemptedAt, Integer httpStatus, int latencyMs, String responseBody, String error, Instant nextRetryAt) {
    }

    void insert(Subscription s) {
        jdbc.sql("""
                INSERT INTO webhook (webhook_id, brand_id, url, description, events, version, status, secret_enc, date_created, date_updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.webhookId(), s.brandId(), s.url(), s.description(), json.writeValueAsString(s.events()), s.version(), s.status(),
                        seal(s.webhookId(), s.secret()), DbTime.toDb(s.dateCreated()), DbTime.toDb(s.dateUpdated()))
                .update();
    }

    void update(Subscription s) {
        jdbc.sql("""
                UPDATE webhook SET url = ?, description = ?, events = ?, version = ?, status = ?, secret_enc = ?, previous_secret_enc = ?,
                    previous_secret_until = ?, failing_since = ?, date_updated = ?
                WHERE webhook_id = ?""")
                .params(s.url(), s.description(), json.writeValueAsString(s.events()), s.version(), s.status(), seal(s.webhookId(), s.secret()),
                        s.previousSecret() == null ? null : seal(s.webhookId(), s.previousSecret()), DbTime.toDb(s.previousSecretUntil()),
                        DbTime.toDb(s.failingSince()), DbTime.toDb(s.dateUpdated()), s.webhookId())
                .update();
    }

    void delete(UUID webhookId, Instant now) {
        jdbc.sql("UPDATE webhook SET deleted_at = ?, status = 'STATUS_DISABLED' WHERE webhook_id = ?").params(DbTime.toDb(now), webhookId).update();
        jdbc.sql("UPDATE webhook_delivery SET status = 'cancelled', next_attempt_at = NULL WHERE webhook_id = ? AND status = 'pending'")
                .param(webhookId).update();
    }

    Optional<Subscription> find(UUID brandId, UUID webhookId, boolean forUpdate) {
        return jdbc.sql("SELECT * FROM webhook WHERE brand_id = ? AND webhook_id = ? AND deleted_at IS NULL" + (forUpdate ? " FOR UPDATE" : ""))
                .params(brandId, webhookId).query(this::map).optional();
    }

    Optional<Subscription> findById(UUID webhookId) {
        return jdbc.sql("SELECT * FROM webhook WHERE webhook_id = ?").param(webhookId).query(this::map).optional();
    }

    List<Subscription> list(UUID brandId) {
        return jdbc.sql("SELECT * FROM webhook WHERE brand_id = ? AND deleted_at IS NULL ORDER BY date_created, webhook_id")
                .param(brandId).query(this::map).list();
    }

    List<Subscription> enabled(UUID brandId) {
        return jdbc.sql("SELECT * FROM webhook WHERE brand_id = ? AND deleted_at IS NULL AND status = 'STATUS_ENABLED'")
                .param(brandId).query(this::map).list();
    }

    /** A delivery to create: one event for one subscription. */
    record NewDelivery(UUID deliveryId, UUID webhookId, UUID brandId, UUID eventId, String eventType) {
    }

    /**
     * Creates deliveries in one round trip however many there are: those in {@code leased} already
     * leased to the caller until {@code leaseUntil} (it sends them at once), the rest due now.
     */
    void insertDeliveries(List<NewDelivery> deliveries, Instant now, java.util.Set<UUID> leased, Instant leaseUntil) {
        if (deliveries.isEmpty()) {
            return;
        }
        Object at = DbTime.toDb(now);
        Object lease = DbTime.toDb(leaseUntil);
        List<Object[]> rows = new java.util.ArrayList<>(deliveries.size());
        for (NewDelivery d : deliveries) {
            rows.add(new Object[] {d.deliveryId(), d.webhookId(), d.brandId(), d.eventId(), d.eventType(), leased.contains(d.deliveryId()) ? lease : at, at});
        }
        batch.batchUpdate("""
                INSERT INTO webhook_delivery (delivery_id, webhook_id, brand_id, event_id, event_type, status, attempts, next_attempt_at, date_created)
                VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)""", rows);
    }

    void insertDeliveries(List<NewDelivery> deliveries, Instant now) {
        insertDeliveries(deliveries, now, java.util.Set.of(), now);
    }

    /** Due deliveries, skipping rows another dispatcher holds; each is leased until {@code leaseUntil}. */
    /**
     * Due deliveries, skipping rows another dispatcher holds and those of {@code skipWebhooks}; of
     * those found, the ones {@code take} accepts (asked in order, once each: the caller counts its
     * receivers' free turns) are leased until {@code leaseUntil}; the others stay due for whoever
     * has room for them.
     */
    List<Delivery> claimDue(Instant now, Instant leaseUntil, int limit, java.util.Collection<UUID> skipWebhooks,
                            java.util.function.Predicate<UUID> take) {
        List<Delivery> due = jdbc.sql("SELECT * FROM webhook_delivery WHERE status = 'pending' AND next_attempt_at <= ?"
                        + " AND webhook_id <> ALL(?) ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(DbTime.toDb(now), IdArray.of(skipWebhooks), limit)
                .query(this::mapDelivery).list();
        List<Delivery> taken = due.stream().filter(d -> take.test(d.webhookId())).toList();
        if (!taken.isEmpty()) {
            jdbc.sql("UPDATE webhook_delivery SET next_attempt_at = ? WHERE delivery_id = ANY(?)")
                    .params(DbTime.toDb(leaseUntil), IdArray.of(taken.stream().map(Delivery::deliveryId).toList())).update();
        }
        return taken;
    }

    /** Deliveries waiting to be sent (a gauge; see {@link BacklogGauges}). */
    long pendingCount() {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE status = 'pending'").query(Long.class).single();
    }

    /** Moves the due deliveries of the given subscriptions to {@code until}, keeping their order. */
    void park(java.util.Collection<UUID> webhookIds, Instant now, Instant until) {
        if (!webhookIds.isEmpty()) {
            jdbc.sql("UPDATE webhook_delivery SET next_attempt_at = ? WHERE webhook_id = ANY(?) AND status = 'pending' AND next_attempt_at <= ?")
                    .params(DbTime.toDb(until), IdArray.of(webhookIds), DbTime.toDb(now)).update();
        }
    }

    /** An attempt to record for a delivery, and the state the delivery moves to. */
    record Recording(Delivery delivery, Attempt attempt, String newStatus) {
    }

    /**
     * Records attempts and their deliveries' new states in two round trips. An attempt another
     * dispatcher recorded first (after our lease ran out) is skipped.
     *
     * @return for each recording, whether it was written
     */
    boolean[] recordAttempts(List<Recording> recordings) {
        boolean[] written = new boolean[recordings.size()];
        if (recordings.isEmpty()) {
            return written;
        }
        int[] updated = batch.batchUpdate("""
                UPDATE webhook_delivery SET attempts = ?, status = ?, next_attempt_at = ?, last_status = ?, last_attempt_at = ?
                WHERE delivery_id = ? AND attempts = ? AND status = 'pending'""",
                recordings.stream().map(r -> new Object[] {r.attempt().attempt(), r.newStatus(), DbTime.toDb(r.attempt().nextRetryAt()),
                        r.attempt().httpStatus(), DbTime.toDb(r.attempt().attemptedAt()), r.delivery().deliveryId(), r.attempt().attempt() - 1})
                        .toList());
        List<Object[]> attempts = new java.util.ArrayList<>();
        for (int i = 0; i < recordings.size(); i++) {
            // SUCCESS_NO_INFO (-2): the driver ran the statement without counting rows; the fence held as far as we can know
            written[i] = updated[i] > 0 || updated[i] == java.sql.Statement.SUCCESS_NO_INFO;
            if (written[i]) {
                Recording r = recordings.get(i);
                Attempt a = r.attempt();
                attempts.add(new Object[] {r.delivery().deliveryId(), a.attempt(), DbTime.toDb(a.attemptedAt()), a.httpStatus(), a.latencyMs(),
                        a.responseBody(), a.error(), DbTime.toDb(a.nextRetryAt())});
            }
        }
        if (!attempts.isEmpty()) {
            batch.batchUpdate("""
                    INSERT INTO webhook_attempt (delivery_id, attempt, attempted_at, http_status, latency_ms, response_body, error, next_retry_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", attempts);
        }
        return written;
    }

    /** Deliveries due again at the given times (a receiver that had its share in flight), unless they moved on meanwhile. */
    void postpone(java.util.Map<Delivery, Instant> until) {
        if (!until.isEmpty()) {
            batch.batchUpdate("UPDATE webhook_delivery SET next_attempt_at = ? WHERE delivery_id = ? AND status = 'pending' AND attempts = ?",
                    until.entrySet().stream().map(e -> new Object[] {DbTime.toDb(e.getValue()), e.getKey().deliveryId(), e.getKey().attempts()})
                            .toList());
        }
    }

    void clearFailing(java.util.Collection<UUID> webhookIds) {
        if (!webhookIds.isEmpty()) {
            jdbc.sql("UPDATE webhook SET failing_since = NULL WHERE webhook_id = ANY(?) AND failing_since IS NOT NULL").param(IdArray.of(webhookIds)).update();
        }
    }

    /** Starts the failing period if none is running, and disables the subscription once it has lasted too long. */
    void markFailing(UUID webhookId, Instant now, Instant disableIfFailingBefore) {
        jdbc.sql("UPDATE webhook SET failing_since = COALESCE(failing_since, ?) WHERE webhook_id = ?").params(DbTime.toDb(now), webhookId).update();
        jdbc.sql("UPDATE webhook SET status = 'STATUS_DISABLED', date_updated = ? WHERE webhook_id = ? AND failing_since < ?")
                .params(DbTime.toDb(now), webhookId, DbTime.toDb(disableIfFailingBefore)).update();
    }

    void disable(UUID webhookId, Instant now) {
        jdbc.sql("UPDATE webhook SET status = 'STATUS_DISABLED', date_updated = ? WHERE webhook_id = ?").params(DbTime.toDb(now), webhookId).update();
    }

    Optional<Delivery> delivery(UUID webhookId, UUID deliveryId) {
        return jdbc.sql("SELECT * FROM webhook_delivery WHERE webhook_id = ? AND delivery_id = ?").params(webhookId, deliveryId)
                .query(this::mapDelivery).optional();
    }

    void resend(UUID deliveryId, Instant now) {
        jdbc.sql("UPDATE webhook_delivery SET status = 'pending', next_attempt_at = ? WHERE delivery_id = ?").params(DbTime.toDb(now), deliveryId).update();
    }

    List<Delivery> deliveries(UUID webhookId, String status, int limit, int offset) {
        String sql = "SELECT * FROM webhook_delivery WHERE webhook_id = :hook" + (status == null ? "" : " AND status = :status")
                + " ORDER BY date_created DESC, delivery_id DESC LIMIT :limit OFFSET :offset";
        var statement = jdbc.sql(sql).param("hook", webhookId).param("limit", limit).param("offset", offset);
        if (status != null) {
            statement = statement.param("status", status);
        }
        return statement.query(this::mapDelivery).list();
    }

    List<Attempt> attempts(UUID deliveryId) {
        return jdbc.sql("SELECT * FROM webhook_attempt WHERE delivery_id = ? ORDER BY attempt").param(deliveryId)
                .query((rs, n) -> new Attempt(rs.getInt("attempt"), instant(rs, "attempted_at"), (Integer) rs.getObject("http_status"),
                        rs.getInt("latency_ms"), rs.getString("response_body"), rs.getString("error"), instant(rs, "next_retry_at")))
                .list();
    }

    private String seal(UUID webhookId, String secret) {
        return cipher.encrypt("webhook.secret:" + webhookId, secret);
    }

    private String open(UUID webhookId, String sealed) {
        return sealed == null ? null : cipher.decrypt("webhook.secret:" + webhookId, sealed);
    }

    private Subscription map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("webhook_id", UUID.class);
        return new Subscription(id, rs.getObject("brand_id", UUID.class), rs.getString("url"), rs.getString("description"),
                json.readValue(rs.getString("events"), STRINGS), rs.getString("version"), rs.getString("status"),
                open(id, rs.getString("secret_enc")), open(id, rs.getString("previous_secret_enc")), instant(rs, "previous_secret_until"),
                instant(rs, "failing_since"), instant(rs, "date_created"), instant(rs, "date_updated"));
    }

    private Delivery mapDelivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getObject("delivery_id", UUID.class), rs.getObject("webhook_id", UUID.class), rs.getObject("brand_id", UUID.class),
                rs.getObject("event_id", UUID.class), rs.getString("event_type"), rs.getString("status"), rs.getInt("attempts"),
                instant(rs, "next_attempt_at"), (Integer) rs.getObject("last_status"), instant(rs, "last_attempt_at"), instant(rs, "date_created"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return DbTime.fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
