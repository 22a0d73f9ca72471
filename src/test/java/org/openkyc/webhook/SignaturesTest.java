package org.openkyc.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
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
        assertThat(header).isEqualTo("v1," + standardBase64(current, "delivery-1", now, body) + " v1," + standardBase64(previous, "delivery-1", now, body));
        // the library's check can fail: another secret, another body, another id
        assertThatThrownBy(() -> new Webhook(Webhooks.newSecret()).verify(body, headers)).isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(current).verify(body + " ", headers)).isInstanceOf(WebhookVerificationException.class);
        Map<String, List<String>> otherId = new java.util.HashMap<>(headers);
        otherId.put("webhook-id", List.of("delivery-2"));
        assertThatThrownBy(() -> new Webhook(current).verify(body, otherId)).isInstanceOf(WebhookVerificationException.class);
    }

    /** HMAC-SHA256 as SPEC §7.3 describes it, computed here without the code under test. */
    private static byte[] hmac(byte[] key, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    }

    /** Bond: hex, keyed with the UTF-8 bytes of the whole secret string, over "t.body". */
    private static String bondHex(String secret, long t, String body) throws Exception {
        return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), t + "." + body));
    }

    /** Standard Webhooks: base64, keyed with the base64-decoded part after whsec_, over "id.t.body". */
    private static String standardBase64(String secret, String id, long t, String body) throws Exception {
        return Base64.getEncoder().encodeToString(hmac(Base64.getDecoder().decode(secret.substring("whsec_".length())), id + "." + t + "." + body));
    }

    @Test
    void bondSignatureIsHexHmacOfTimestampDotBodyKeyedWithTheWholeSecret() throws Exception {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String signature = Signatures.bond(secret, 1614265330L, "{\"a\": 1}");
        String expected = bondHex(secret, 1614265330L, "{\"a\": 1}");
        assertThat(signature).isEqualTo("t=1614265330,v1=" + expected + ",v2=" + expected);
        // the same value from another implementation (Python's hmac module), so that neither can drift alone
        assertThat(expected).isEqualTo("b8a617ad7a022bdd03b63434640276a44d75369aa3acb2c057363c375b4d2ed7");
    }

    @Test
    void bondSignsTheUtf8BytesOfTheBody() throws Exception {
        String body = "{\"name\": \"Zo\u00eb\"}";
        String hex = "83fbf068b72c8e1f6646eefff2ba9df1617e191def3cfbd8ec674c6d99d16286"; // Python: hmac.new(b"whsec_new", "1614265330.{...}".encode("utf-8"), sha256)
        assertThat(bondHex("whsec_new", 1614265330L, body)).isEqualTo(hex);
        assertThat(Signatures.bond("whsec_new", 1614265330L, body)).isEqualTo("t=1614265330,v1=" + hex + ",v2=" + hex);
    }

    @Test
    void duringRotationBondSignatureCarriesAPairPerSecret() throws Exception {
        String header = Signatures.bond(List.of("whsec_new", "whsec_old"), 1614265330L, "{}");
        String newHex = bondHex("whsec_new", 1614265330L, "{}");
        String oldHex = bondHex("whsec_old", 1614265330L, "{}");
        assertThat(header).isEqualTo("t=1614265330,v1=" + newHex + ",v2=" + newHex + ",v1=" + oldHex + ",v2=" + oldHex);
        assertThat(newHex).isEqualTo("51ce7415903a3a313fae81c2c397a4c4681e4ddac71a09700ad138296cd0202b"); // Python's hmac
        assertThat(oldHex).isEqualTo("a47a2b070acbed15809e3ac9aae38f441aaf7d657d6d82d4f07064e59f37aedb");
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
