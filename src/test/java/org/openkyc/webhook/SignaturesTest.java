package org.openkyc.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;
import tools.jackson.databind.json.JsonMapper;

class SignaturesTest {

    @Test
    void theStandardWebhooksTestVector() {
        assertThat(Signatures.standard(List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theStandardWebhooksLibraryAcceptsOurSignatureAndBothRotatedSecretsSign() throws Exception {
        String current = Webhooks.newSecret();
        String previous = Webhooks.newSecret();
        long now = Instant.now().getEpochSecond();
        String body = "{\"event\": \"kyc.verification.success\"}";
        String header = Signatures.standard(List.of(current, previous), "delivery-1", now, body);
        Map<String, List<String>> headers = Map.of("webhook-id", List.of("delivery-1"), "webhook-timestamp", List.of(String.valueOf(now)),
                "webhook-signature", List.of(header));
        assertThatCode(() -> new Webhook(current).verify(body, headers)).doesNotThrowAnyException();
        assertThatCode(() -> new Webhook(previous).verify(body, headers)).doesNotThrowAnyException();
        assertThat(header.split(" ")).hasSize(2);
    }

    @Test
    void bondSignatureIsHexHmacOfTimestampDotBodyKeyedWithTheWholeSecret() throws Exception {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String signature = Signatures.bond(secret, 1614265330L, "{\"a\": 1}");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("1614265330.{\"a\": 1}".getBytes(StandardCharsets.UTF_8)));
        assertThat(signature).isEqualTo("t=1614265330,v1=" + expected + ",v2=" + expected);
    }

    @Test
    void duringRotationBondSignatureCarriesAPairPerSecret() {
        String header = Signatures.bond(List.of("whsec_new", "whsec_old"), 1614265330L, "{}");
        String newOnly = Signatures.bond("whsec_new", 1614265330L, "{}");
        String oldOnly = Signatures.bond("whsec_old", 1614265330L, "{}");
        assertThat(header).isEqualTo(newOnly + oldOnly.substring("t=1614265330".length()));
    }

    @Test
    void bodiesAreWrittenTheWayPythonsJsonDumpsWritesThem() {
        var node = JsonMapper.builder().build().readTree("{\"event\":\"x\",\"list\":[1,2.5,true,null],\"nested\":{\"name\":\"Zoë \\\"Q\\\"\"}}");
        assertThat(PythonJson.write(node)).isEqualTo("{\"event\": \"x\", \"list\": [1, 2.5, true, null], \"nested\": {\"name\": \"Zo\\u00eb \\\"Q\\\"\"}}");
    }

    @Test
    void secretsAreWhsecAndTwentyFourRandomBytes() {
        String secret = Webhooks.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(24);
    }
}
