package org.openkyc.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two signature schemes of SPEC §7.3, kept apart from delivery so they can be tested alone
 * against published vectors.
 */
final class Signatures {

    static final String PREFIX = "whsec_";

    private Signatures() {
    }

    /** {@code t=<ts>,v1=<hex>,v2=<hex>}: HMAC-SHA256 keyed with the whole secret string, over "t.body". */
    static String bond(String secret, long timestamp, String body) {
        return bond(List.of(secret), timestamp, body);
    }

    /** With a rotated secret still signing, a {@code v1}/{@code v2} pair follows for each secret. */
    static String bond(List<String> secrets, long timestamp, String body) {
        StringBuilder header = new StringBuilder("t=").append(timestamp);
        for (String secret : secrets) {
            String hex = HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), timestamp + "." + body));
            header.append(",v1=").append(hex).append(",v2=").append(hex);
        }
        return header.toString();
    }

    /**
     * Standard Webhooks: {@code v1,<base64>} per secret (space separated while a rotated secret
     * still signs), HMAC-SHA256 keyed with the base64-decoded part after {@code whsec_}, over
     * "id.timestamp.body".
     */
    static String standard(List<String> secrets, String id, long timestamp, String body) {
        String content = id + "." + timestamp + "." + body;
        return secrets.stream()
                .map(secret -> "v1," + Base64.getEncoder().encodeToString(hmac(Base64.getDecoder().decode(secret.substring(PREFIX.length())), content)))
                .collect(Collectors.joining(" "));
    }

    private static byte[] hmac(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
