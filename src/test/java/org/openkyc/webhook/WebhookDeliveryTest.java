package org.openkyc.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.LocalReceiver;
import org.springframework.test.context.TestPropertySource;

import com.standardwebhooks.Webhook;
import tools.jackson.databind.JsonNode;

/**
 * SPEC §7.3 end to end: KYC events reach a real local receiver, signed both ways; failures are
 * retried on a (scaled-down) schedule until the receiver recovers; 410 disables.
 */
@TestPropertySource(properties = "openkyc.webhooks.retry-scale=0.0002")
class WebhookDeliveryTest extends ApiTestBase {

    private static void await(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }

    /** The deliveries to a receiver whose body mentions {@code text} (an id, an event type). */
    private static List<LocalReceiver.Received> mentioning(LocalReceiver receiver, String text) {
        return receiver.received().stream().filter(r -> r.body().contains(text)).toList();
    }

    private long deliveries(String hookId) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_delivery WHERE webhook_id = ?").param(UUID.fromString(hookId)).query(Long.class).single();
    }

    private JsonNode subscribe(Brand brand, String url, List<String> events) {
        Http.Response response = brand.api().post("/api/v0.1/webhooks", Map.of("url", url, "events", events));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    static void assertSignedBoth(LocalReceiver.Received r, String secret) throws Exception {
        assertThatCode(() -> new Webhook(secret).verify(r.body(), r.headers())).doesNotThrowAnyException();
        String bond = r.header("Bond-Signature");
        String t = bond.replaceAll("^t=(\\d+),.*$", "$1");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String v2 = HexFormat.of().formatHex(mac.doFinal((t + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(bond).isEqualTo("t=" + t + ",v1=" + v2 + ",v2=" + v2);
        assertThat(r.header("User-Agent")).startsWith("OpenKYC-Webhooks/");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void everyKycEventArrivesSignedBothWays() throws Exception {
        try (LocalReceiver receiver = new LocalReceiver()) {
            Brand brand = newBrand();
            String secret = subscribe(brand, receiver.url("/hooks"), List.of("kyc.*")).get("secret").stringValue();
            Map<String, Object> body = customerBody();
            body.remove("ssn");
            String customerId = createCustomer(brand, body);
            startKyc(brand, customerId, "123-45-6780");
            await(() -> receiver.received().size() >= 2, "two deliveries");
            // Nothing more must come for this customer: a second customer's KYC, whose events come
            // after these in the outbox, is the signal that everything before it has been sent.
            String marker = createCustomer(brand, body);
            startKyc(brand, marker, "123-45-6780");
            await(() -> mentioning(receiver, marker).size() >= 2, "the later customer's two deliveries");
            List<LocalReceiver.Received> got = mentioning(receiver, customerId);
            assertThat(got).hasSize(2);
            assertThat(receiver.received()).hasSize(4);
            assertThat(got).extracting(r -> Http.JSON.readTree(r.body()).get("event").stringValue())
                    .containsExactlyInAnyOrder("kyc.verification.submitted", "kyc.verification.success");
            for (LocalReceiver.Received r : got) {
                assertSignedBoth(r, secret);
                JsonNode event = Http.JSON.readTree(r.body());
                assertThat(event.get("customer_id").stringValue()).isEqualTo(customerId);
                assertThat(r.body()).contains("\", \"").contains("\": \"");
            }
            assertThat(got.get(0).header("webhook-id")).isNotEqualTo(got.get(1).header("webhook-id"));
        }
    }

    @Test
    void aFailingReceiverGetsEverythingOnceItRecoversWithTheSameWebhookId() throws Exception {
        try (LocalReceiver receiver = new LocalReceiver()) {
            receiver.answer(n -> n < 3 ? 500 : 200);
            Brand brand = newBrand();
            String hookId = subscribe(brand, receiver.url("/flaky"), List.of("kyc.verification.submitted")).get("webhook_id").stringValue();
            String customerId = createCustomer(brand, customerBody());
            startKyc(brand, customerId, "000-00-0000");
            await(() -> receiver.received().stream().filter(r -> r.body().contains("submitted")).count() >= 4, "the fourth try");
            List<LocalReceiver.Received> got = receiver.received();
            assertThat(got).extracting(r -> r.header("webhook-id")).containsOnly(got.getFirst().header("webhook-id"));

            await(() -> brand.api().get("/api/v0.1/webhooks/" + hookId + "/deliveries").json().get(0).get("status").stringValue().equals("succeeded"),
                    "the delivery log");
            JsonNode delivery = brand.api().get("/api/v0.1/webhooks/" + hookId + "/deliveries").json().get(0);
            assertThat(delivery.get("attempts").intValue()).isEqualTo(4);
            assertThat(delivery.get("event").stringValue()).isEqualTo("kyc.verification.submitted");
            assertThat(delivery.get("attempt_log").valueStream().map(a -> a.get("http_status").intValue()).toList()).containsExactly(500, 500, 500, 200);
            assertThat(delivery.get("attempt_log").get(0).get("next_retry_at").isNull()).isFalse();
            assertThat(delivery.get("attempt_log").get(3).get("response_body").stringValue()).isEqualTo("{\"received\": 3}");

            Http.Response resend = brand.api().post("/api/v0.1/webhooks/" + hookId + "/deliveries/" + delivery.get("delivery_id").stringValue() + "/resend", Map.of());
            assertThat(resend.status()).isEqualTo(202);
            await(() -> receiver.received().size() >= 5, "the resend");
            assertThat(receiver.received().get(4).header("webhook-id")).isEqualTo(got.getFirst().header("webhook-id"));
            assertThat(brand.api().get("/api/v0.1/webhooks/" + hookId + "/deliveries?status=bogus").status()).isEqualTo(400);
        }
    }

    @Test
    void goneDisablesTheSubscription() throws Exception {
        try (LocalReceiver receiver = new LocalReceiver()) {
            receiver.answer(n -> 410);
            Brand brand = newBrand();
            String hookId = subscribe(brand, receiver.url("/gone"), List.of("*")).get("webhook_id").stringValue();
            createCustomer(brand, customerBody());
            await(() -> brand.api().get("/api/v0.1/webhooks/" + hookId).json().get("status").stringValue().equals("STATUS_DISABLED"), "disable");
            try (LocalReceiver witness = new LocalReceiver()) {
                // a live subscription of the same brand: once it has the next event, that event has been fanned out
                subscribe(brand, witness.url("/witness"), List.of("*"));
                String later = createCustomer(brand, customerBody());
                await(() -> !mentioning(witness, later).isEmpty(), "the later event at a live subscription");
            }
            assertThat(receiver.received()).hasSize(1);
            assertThat(deliveries(hookId)).as("no delivery made for the disabled subscription").isEqualTo(1);
        }
    }

    @Test
    void testEventsGoToOneSubscriptionAndSlowReceiversDelayNoOneElse() throws Exception {
        try (LocalReceiver slow = new LocalReceiver(); LocalReceiver fast = new LocalReceiver()) {
            slow.delay(3_000);
            Brand brand = newBrand();
            subscribe(brand, slow.url("/slow"), List.of("customer.created"));
            String fastHook = subscribe(brand, fast.url("/fast"), List.of("customer.created")).get("webhook_id").stringValue();
            for (int i = 0; i < 20; i++) {
                createCustomer(brand, customerBody());
            }
            long start = System.nanoTime();
            await(() -> fast.received().size() >= 20, "all 20 at the fast receiver");
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms for the fast receiver").isLessThan(2_900);

            Http.Response test = brand.api().post("/api/v0.1/webhooks/" + fastHook + "/test", Map.of());
            assertThat(test.status()).isEqualTo(202);
            await(() -> fast.received().stream().anyMatch(r -> r.body().contains("webhook.test")), "the test event");
            assertThat(slow.received()).noneMatch(r -> r.body().contains("webhook.test"));
        }
    }

    @Test
    void requestsGoToTheCheckedAddressAndCarryTheNameInTheHostHeader() throws Exception {
        try (LocalReceiver receiver = new LocalReceiver()) {
            Brand brand = newBrand();
            String url = receiver.url("/named?via=name").replace("127.0.0.1", "localhost");
            subscribe(brand, url, List.of("customer.created"));
            createCustomer(brand, customerBody());
            await(() -> receiver.received().size() >= 1, "the delivery");
            assertThat(receiver.received().getFirst().header("Host")).isEqualTo(URI.create(url).getAuthority());
        }
    }

    @Test
    void deliveriesExistOncePerSubscriptionAndEvent() throws Exception {
        try (LocalReceiver receiver = new LocalReceiver()) {
            Brand brand = newBrand();
            String hookId = subscribe(brand, receiver.url("/once"), List.of("customer.created")).get("webhook_id").stringValue();
            String customerId = createCustomer(brand, customerBody());
            await(() -> receiver.received().size() >= 1, "the delivery");
            // a later event's delivery is the signal that the first event will not be fanned out again
            String later = createCustomer(brand, customerBody());
            await(() -> !mentioning(receiver, later).isEmpty(), "the later event's delivery");
            assertThat(deliveries(hookId)).isEqualTo(2);
            assertThat(mentioning(receiver, customerId)).hasSize(1);
            assertThat(Http.JSON.readTree(receiver.received().getFirst().body()).get("details").get("customer_id").stringValue()).isEqualTo(customerId);
        }
    }
}
