package org.openkyc.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * One delivery's request, built and signed (SPEC §7.3): the event's payload written the way Bond
 * writes it, and the Bond and Standard Webhooks signatures over exactly those bytes, with every
 * secret that signs at the moment of sending.
 */
record WebhookRequest(URI url, Map<String, String> headers, String body) {

    static final String USER_AGENT = "OpenKYC-Webhooks/0.1";

    /** Builds requests; holds nothing but the JSON reader. */
    static final class Builder {

        private final JsonMapper json;

        Builder(JsonMapper json) {
            this.json = json;
        }

        /** The request for {@code delivery} to {@code subscription}, signed at {@code at}. */
        WebhookRequest build(WebhookRepository.Delivery delivery, Subscription subscription, String payload, Instant at) {
            String body = PythonJson.write(json.readTree(payload));
            long timestamp = at.getEpochSecond();
            String id = delivery.deliveryId().toString();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", USER_AGENT);
            headers.put("Bond-Signature", Signatures.bond(subscription.signingSecrets(at), timestamp, body));
            headers.put("webhook-id", id);
            headers.put("webhook-timestamp", String.valueOf(timestamp));
            headers.put("webhook-signature", Signatures.standard(subscription.signingSecrets(at), id, timestamp, body));
            return new WebhookRequest(URI.create(subscription.url()), java.util.Collections.unmodifiableMap(headers), body);
        }
    }

    byte[] bytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
