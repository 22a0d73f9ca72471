package org.openkyc.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Lets us find equal SSNs without storing them in clear: HMAC-SHA256 of the normalized value under
 * a key of its own (SPEC §11.3), separate from the encryption keys.
 *
 * <p>A {@link Mac} is not safe for concurrent use (a shared one produced wrong indexes and array
 * errors under load): each call works on a clone of a keyed prototype that is never used itself.
 */
public class BlindIndex {

    private final Mac prototype;

    BlindIndex(byte[] key) {
        try {
            this.prototype = Mac.getInstance("HmacSHA256");
            this.prototype.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Index of an SSN; dashes and spaces do not matter. */
    public String ssn(String ssn) {
        return ssn == null ? null : HexFormat.of().formatHex(mac().doFinal(("ssn:" + ssn.replaceAll("[^0-9]", "")).getBytes(StandardCharsets.UTF_8)));
    }

    private Mac mac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the HMAC provider cannot clone a keyed Mac", e);
        }
    }
}
