package org.openkyc.privacy;

import java.nio.charset.StandardCharsets;

import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;

/**
 * Lets us find equal SSNs without storing them in clear: HMAC-SHA256 of the normalized value under
 * a key of its own (SPEC §11.3), separate from the encryption keys.
 */
public class BlindIndex {

    private final HmacUtils hmac;

    BlindIndex(byte[] key) {
        this.hmac = new HmacUtils(HmacAlgorithms.HMAC_SHA_256, key);
    }

    /** Index of an SSN; dashes and spaces do not matter. */
    public String ssn(String ssn) {
        return ssn == null ? null : hmac.hmacHex(("ssn:" + ssn.replaceAll("[^0-9]", "")).getBytes(StandardCharsets.UTF_8));
    }
}
