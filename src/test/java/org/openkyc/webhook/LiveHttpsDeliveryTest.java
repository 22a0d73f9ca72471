package org.openkyc.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openkyc.testing.ApiTestBase;
import org.openkyc.testing.Http;
import org.openkyc.testing.LocalReceiver;
import org.openkyc.testing.TestTls;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * SPEC §7.1 in live mode, end to end over https with real receivers (a self-signed certificate the
 * server is configured to trust): a receiver on loopback is never reached; one in an allowed
 * network gets the delivery, signed.
 */
@TestPropertySource(properties = {"openkyc.mode=live", "openkyc.crypto.data-keys=live1=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "openkyc.crypto.blind-index-key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "openkyc.webhooks.allowed-networks=127.0.0.2/32",
        "openkyc.webhooks.trust-store-password=" + TestTls.PASSWORD})
class LiveHttpsDeliveryTest extends ApiTestBase {

    @DynamicPropertySource
    static void trust(DynamicPropertyRegistry registry) {
        registry.add("openkyc.webhooks.trust-store", () -> TestTls.trustStore().toString());
    }

    private JsonNode subscribe(Brand brand, String url) {
        Http.Response response = brand.api().post("/api/v0.1/webhooks", Map.of("url", url, "events", List.of("customer.created")));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    @Test
    void anHttpsReceiverOnANameThatResolvesToLoopbackIsNeverReached() throws Exception {
        try (LocalReceiver receiver = LocalReceiver.https("127.0.0.1")) {
            Brand brand = newBrand();
            String hookId = subscribe(brand, receiver.url("localhost", "/hooks")).get("webhook_id").stringValue();
            createCustomer(brand, customerBody());
            String deliveries = "/api/v0.1/webhooks/" + hookId + "/deliveries";
            await("the first attempt").atMost(Duration.ofSeconds(20))
                    .until(() -> brand.api().get(deliveries).json().path(0).path("attempt_log").size() >= 1);
            JsonNode attempt = brand.api().get(deliveries).json().get(0).get("attempt_log").get(0);
            assertThat(attempt.get("error").stringValue()).isEqualTo("address 127.0.0.1 is private or reserved");
            assertThat(attempt.get("http_status").isNull()).isTrue();
            assertThat(receiver.received()).isEmpty();
            assertThat(receiver.connections()).isZero();
        }
    }

    @Test
    void anHttpsReceiverInAnAllowedNetworkGetsTheDeliverySigned() throws Exception {
        try (LocalReceiver receiver = LocalReceiver.https("127.0.0.2")) {
            Brand brand = newBrand();
            String secret = subscribe(brand, receiver.url("/hooks")).get("secret").stringValue();
            String customerId = createCustomer(brand, customerBody());
            await("the delivery").atMost(Duration.ofSeconds(20)).until(() -> !receiver.received().isEmpty());
            LocalReceiver.Received delivery = receiver.received().getFirst();
            WebhookDeliveryTest.assertSignedBoth(delivery, secret);
            assertThat(Http.JSON.readTree(delivery.body()).get("details").get("customer_id").stringValue()).isEqualTo(customerId);
        }
    }
}
