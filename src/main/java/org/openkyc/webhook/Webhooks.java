package org.openkyc.webhook;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.openkyc.api.ApiException;
import org.openkyc.api.Input;
import org.openkyc.api.JsonBody;
import org.openkyc.api.Rule;
import org.openkyc.api.SchemaErrors;
import org.openkyc.api.Timestamps;
import org.openkyc.config.OpenKycProperties;
import org.openkyc.db.Ids;
import org.openkyc.outbox.Outbox;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/** Webhook subscriptions of a brand (SPEC §7.1); every lookup is scoped to the calling brand. */
@Service
class Webhooks {

    static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookRepository repository;
    private final Outbox outbox;
    private final boolean live;
    private final Dispatcher dispatcher;
    private final Clock clock;

    Webhooks(WebhookRepository repository, Outbox outbox, OpenKycProperties properties, Dispatcher dispatcher, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.outbox = outbox;
        this.live = !properties.sandbox();
        this.dispatcher = dispatcher;
    }

    @Transactional
    Subscription create(UUID brandId, JsonNode body) {
        SchemaErrors errors = new SchemaErrors();
        JsonBody reader = JsonBody.of(body, errors, false);
        Input<String> url = reader.string("url", true, urlRule());
        Input<String> description = reader.nullableString("description", Rule.maxLength(500));
        Input<List<String>> events = events(reader, true);
        Input<String> version = reader.string("version", false, Rule.oneOf(List.of("0.1")));
        Input<String> status = reader.string("status", false, Rule.oneOf(List.of(Subscription.ENABLED, Subscription.DISABLED)));
        reader.finish();
        errors.throwIfAny("create_webhook_schema");
        Instant now = DbTime.now(clock);
        Subscription s = new Subscription(Ids.newId(), brandId, url.value(), description.orElse(null), events.value(),
                version.orElse("0.1"), status.orElse(Subscription.ENABLED), newSecret(), null, null, null, now, now);
        repository.insert(s);
        return s;
    }

    List<Subscription> list(UUID brandId) {
        return repository.list(brandId);
    }

    Subscription get(UUID brandId, UUID webhookId) {
        return repository.find(brandId, webhookId, false).orElseThrow(() -> notFound(webhookId));
    }

    @Transactional
    Subscription edit(UUID brandId, UUID webhookId, JsonNode body) {
        Subscription current = repository.find(brandId, webhookId, true).orElseThrow(() -> notFound(webhookId));
        SchemaErrors errors = new SchemaErrors();
        JsonBody reader = JsonBody.of(body, errors, true);
        Input<String> url = reader.string("url", true, urlRule());
        Input<String> description = reader.nullableString("description", Rule.maxLength(500));
        Input<List<String>> events = events(reader, false);
        Input<String> version = reader.string("version", false, Rule.oneOf(List.of("0.1")));
        Input<String> status = reader.string("status", false, Rule.oneOf(List.of(Subscription.ENABLED, Subscription.DISABLED)));
        reader.finish();
        errors.throwIfAny("edit_webhook_schema");
        String newStatus = status.orElse(current.status());
        Subscription updated = new Subscription(webhookId, brandId, url.orElse(current.url()),
                description.given() ? description.value() : current.description(), events.orElse(current.events()),
                version.orElse(current.version()), newStatus, current.secret(), current.previousSecret(), current.previousSecretUntil(),
                Subscription.ENABLED.equals(newStatus) ? null : current.failingSince(), current.dateCreated(), DbTime.now(clock));
        repository.update(updated);
        return updated;
    }

    @Transactional
    Subscription delete(UUID brandId, UUID webhookId) {
        Subscription current = repository.find(brandId, webhookId, true).orElseThrow(() -> notFound(webhookId));
        repository.delete(webhookId, DbTime.now(clock));
        return current;
    }

    /** A new secret; the old one keeps signing beside it for 24 hours. */
    @Transactional
    Subscription rotateSecret(UUID brandId, UUID webhookId) {
        Subscription c = repository.find(brandId, webhookId, true).orElseThrow(() -> notFound(webhookId));
        Instant now = DbTime.now(clock);
        Subscription rotated = new Subscription(webhookId, brandId, c.url(), c.description(), c.events(), c.version(), c.status(), newSecret(),
                c.secret(), now.plus(ROTATION_OVERLAP), c.failingSince(), c.dateCreated(), now);
        repository.update(rotated);
        return rotated;
    }

    /** Sends a {@code webhook.test} event to this subscription only. */
    @Transactional
    UUID test(UUID brandId, UUID webhookId) {
        Subscription s = get(brandId, webhookId);
        Instant now = DbTime.now(clock);
        UUID eventId = Ids.newId();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("event", "webhook.test");
        payload.put("webhook_id", webhookId.toString());
        payload.put("occurred_at", Timestamps.format(now));
        outbox.appendDirect(brandId, "webhook.test", now, payload, eventId);
        UUID deliveryId = Ids.newId();
        repository.insertDeliveries(List.of(new WebhookRepository.NewDelivery(deliveryId, s.webhookId(), brandId, eventId, "webhook.test")), now);
        org.openkyc.db.AfterCommit.run(dispatcher::wakeUp);
        return deliveryId;
    }

    List<WebhookRepository.Delivery> deliveries(UUID brandId, UUID webhookId, String status, int page, int perPage) {
        get(brandId, webhookId);
        return repository.deliveries(webhookId, status, perPage, (page - 1) * perPage);
    }

    List<WebhookRepository.Attempt> attempts(UUID deliveryId) {
        return repository.attempts(deliveryId);
    }

    @Transactional
    WebhookRepository.Delivery resend(UUID brandId, UUID webhookId, UUID deliveryId) {
        get(brandId, webhookId);
        WebhookRepository.Delivery d = repository.delivery(webhookId, deliveryId)
                .orElseThrow(() -> ApiException.notFound("delivery_dne", "Delivery " + deliveryId + " does not exist."));
        if ("pending".equals(d.status())) {
            return d; // already on its way (or being sent): a second copy would race the first
        }
        repository.resend(deliveryId, DbTime.now(clock));
        org.openkyc.db.AfterCommit.run(dispatcher::wakeUp);
        return repository.delivery(webhookId, deliveryId).orElseThrow();
    }

    private Input<List<String>> events(JsonBody reader, boolean required) {
        Input<List<String>> raw = reader.stringList("events", required);
        if (!raw.present()) {
            return raw;
        }
        if (raw.value().isEmpty()) {
            reader.errors().add("events", "Shorter than minimum length 1.");
            return Input.invalid();
        }
        Set<String> names = new LinkedHashSet<>();
        SchemaErrors itemErrors = reader.errors().nested("events");
        for (int i = 0; i < raw.value().size(); i++) {
            Set<String> expanded = WebhookEvents.expand(raw.value().get(i));
            if (expanded.isEmpty()) {
                itemErrors.add(String.valueOf(i), "Unknown event: " + raw.value().get(i) + ".");
            }
            names.addAll(expanded);
        }
        return itemErrors.isEmpty() ? Input.of(List.copyOf(names)) : Input.invalid();
    }

    private Rule<String> urlRule() {
        return value -> {
            if (value.length() > 2000) {
                return "Longer than maximum length 2000.";
            }
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
                if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getPort() > 65535) {
                    return "Not a valid URL.";
                }
                if (live && !scheme.equals("https")) {
                    return "Live mode requires an https URL.";
                }
                return null;
            } catch (java.net.URISyntaxException e) {
                return "Not a valid URL.";
            }
        };
    }

    static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Signatures.PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    static ApiException notFound(UUID webhookId) {
        return ApiException.notFound("webhook_dne", "Webhook " + webhookId + " does not exist.");
    }
}
