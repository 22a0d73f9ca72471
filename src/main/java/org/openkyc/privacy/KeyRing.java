package org.openkyc.privacy;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Data encryption keys by id; the first one configured encrypts, all of them decrypt. */
final class KeyRing {

    private final Map<String, byte[]> keys;
    private final String activeKeyId;

    KeyRing(Map<String, byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no data encryption key");
        }
        this.keys = new LinkedHashMap<>(keys);
        this.activeKeyId = keys.keySet().iterator().next();
    }

    /** Parses {@code id=base64,id2=base64}; each key must be 32 bytes (AES-256). */
    static KeyRing parse(String spec) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("openkyc.crypto.data-keys: expected id=base64key, got an entry without '='");
            }
            String id = trimmed.substring(0, eq);
            if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException("openkyc.crypto.data-keys: key id must be 1-32 letters, digits, _ or -");
            }
            keys.put(id, decode32(trimmed.substring(eq + 1), "openkyc.crypto.data-keys[" + id + "]"));
        }
        return new KeyRing(keys);
    }

    static byte[] decode32(String base64, String name) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not valid base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException(name + " must be 32 bytes (base64 of 32 random bytes)");
        }
        return key;
    }

    String activeKeyId() {
        return activeKeyId;
    }

    byte[] activeKey() {
        return keys.get(activeKeyId);
    }

    byte[] key(String id) {
        byte[] key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("unknown data key id " + id + ": keep retired keys in openkyc.crypto.data-keys");
        }
        return key;
    }
}
