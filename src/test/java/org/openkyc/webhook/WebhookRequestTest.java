package org.openkyc.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Building and signing a delivery's request: Bond's body and headers, signed by every secret that
 * signs at the moment of sending, checked with the Standard Webhooks library and by recomputing
 * Bond's HMAC.
 */
class WebhookRequestTest {

    /** Now: the library checks the timestamp against its own clock. */
    private static final Instant AT = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final String CURRENT = Webhooks.newSecret();
    private static final String PREVIOUS = Webhooks.newSecret();

    private final WebhookRequest.Builder builder = new WebhookRequest.Builder(JsonMapper.builder().build());

    @ParameterizedTest(name = "previous secret {0}, its overlap ends {1} s from now: previous signs {2}")
    @CsvSource({
            "false,    0, false",
            "true,  3600, true",
            "true,     1, true",
            "true,     0, false",
            "true, -3600, false",
    })
    void buildsAndSigns(boolean rotated, long overlapLeft, boolean previousSigns) throws Exception {
        UUID webhookId = UUID.randomUUID();
        Subscription s = new Subscription(webhookId, UUID.randomUUID(), "https://receiver.example/hooks?x=1", null, List.of("customer.created"),
                "v0.1", Subscription.ENABLED, CURRENT, rotated ? PREVIOUS : null, rotated ? AT.plusSeconds(overlapLeft) : null, null, AT, AT);
        WebhookRepository.Delivery d = new WebhookRepository.Delivery(UUID.randomUUID(), webhookId, s.brandId(), UUID.randomUUID(),
                "customer.created", "pending", 0, AT, null, null, AT);

        WebhookRequest request = builder.build(d, s, "{\"event\":\"customer.created\",\"data\":{\"n\":1,\"s\":\"é\"}}", AT);

        assertThat(request.url()).isEqualTo(URI.create("https://receiver.example/hooks?x=1"));
        assertThat(request.body()).as("written the way Bond writes it").isEqualTo("{\"event\": \"customer.created\", \"data\": {\"n\": 1, \"s\": \"\\u00e9\"}}");
        assertThat(request.bytes()).isEqualTo(request.body().getBytes(StandardCharsets.UTF_8));
        Map<String, String> h = request.headers();
        assertThat(h).containsEntry("Content-Type", "application/json").containsEntry("User-Agent", WebhookRequest.USER_AGENT)
                .containsEntry("webhook-id", d.deliveryId().toString()).containsEntry("webhook-timestamp", String.valueOf(AT.getEpochSecond()));

        Map<String, List<String>> asReceived = Map.of("webhook-id", List.of(h.get("webhook-id")), "webhook-timestamp",
                List.of(h.get("webhook-timestamp")), "webhook-signature", List.of(h.get("webhook-signature")));
        assertThatCode(() -> verify(CURRENT, request.body(), asReceived)).doesNotThrowAnyException();
        if (previousSigns) {
            assertThatCode(() -> verify(PREVIOUS, request.body(), asReceived)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> verify(PREVIOUS, request.body(), asReceived)).isInstanceOf(WebhookVerificationException.class);
        }
        String bond = "t=" + AT.getEpochSecond() + ",v1=" + bondHex(CURRENT, request.body()) + ",v2=" + bondHex(CURRENT, request.body())
                + (previousSigns ? ",v1=" + bondHex(PREVIOUS, request.body()) + ",v2=" + bondHex(PREVIOUS, request.body()) : "");
        assertThat(h.get("Bond-Signature")).isEqualTo(bond);
    }

    private static void verify(String secret, String body, Map<String, List<String>> headers) throws WebhookVerificationException {
        new Webhook(secret).verify(body, headers);
    }

    private static String bondHex(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((AT.getEpochSecond() + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
