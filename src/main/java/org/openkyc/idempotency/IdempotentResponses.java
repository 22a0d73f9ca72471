package org.openkyc.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.openkyc.privacy.PersonalDataCipher;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What is kept of a request and its response with an idempotency key, the same for every POST
 * whether the filter's transaction stores it or a group commit does: the request's fingerprint,
 * and the response sealed (secrets shown once left out, encrypted: it may hold personal data).
 */
@Component
class IdempotentResponses {

    /** Response fields never kept for a replay: a secret is shown once (SPEC §2). */
    private static final Set<String> SECRET_FIELDS = Set.of("Authorization", "authorization", "secret");

    private final PersonalDataCipher cipher;
    private final JsonMapper json;

    IdempotentResponses(PersonalDataCipher cipher, JsonMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    /** SHA-256 of the body with object keys sorted, so key order and whitespace do not matter. */
    String fingerprint(byte[] body) {
        byte[] canonical;
        try {
            JsonNode tree = json.readTree(body);
            canonical = tree == null ? body : json.writeValueAsBytes(canonical(tree));
        } catch (JacksonException e) {
            canonical = body;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A response as kept with its key: secrets shown once left out, encrypted for the key's scope. */
    String seal(IdempotencyStore.Scope scope, byte[] body) {
        return cipher.encrypt(purpose(scope), redactSecrets(body));
    }

    /** A kept response's body for a replay: JSON as it was sent, or the text when it was not JSON. */
    Object open(IdempotencyStore.Scope scope, String sealed) {
        String text = cipher.decrypt(purpose(scope), sealed);
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            return text;
        }
    }

    private String redactSecrets(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (SECRET_FIELDS.stream().noneMatch(field -> text.contains("\"" + field + "\""))) {
            return text; // most responses: no field of that name anywhere, nothing to parse
        }
        try {
            JsonNode tree = json.readTree(text);
            if (tree != null && tree.isObject() && SECRET_FIELDS.stream().anyMatch(tree::has)) {
                ObjectNode copy = (ObjectNode) tree.deepCopy();
                SECRET_FIELDS.forEach(field -> {
                    if (copy.has(field)) {
                        copy.put(field, "[redacted: shown once]");
                    }
                });
                return json.writeValueAsString(copy);
            }
        } catch (JacksonException e) {
            // not JSON: keep as is
        }
        return text;
    }

    private static Object canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            return sorted;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return items;
        }
        return node;
    }

    private static String purpose(IdempotencyStore.Scope scope) {
        return "idempotency:" + scope.brandId() + ":" + scope.method() + ":" + scope.path() + ":" + scope.key();
    }
}
