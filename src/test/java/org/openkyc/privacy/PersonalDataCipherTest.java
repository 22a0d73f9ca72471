package org.openkyc.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {

    private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void roundTripsAndNamesTheKey() {
        PersonalDataCipher cipher = new PersonalDataCipher(KeyRing.parse("k1=" + K1));
        String stored = cipher.encrypt("customer.ssn:1", "123456789");
        assertThat(stored).startsWith("v1:k1:").doesNotContain("123456789");
        assertThat(cipher.decrypt("customer.ssn:1", stored)).isEqualTo("123456789");
    }

    @Test
    void aValueMovedToAnotherPurposeDoesNotDecrypt() {
        PersonalDataCipher cipher = new PersonalDataCipher(KeyRing.parse("k1=" + K1));
        String stored = cipher.encrypt("customer.ssn:1", "123456789");
        assertThatThrownBy(() -> cipher.decrypt("customer.ssn:2", stored)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tamperingIsDetected() {
        PersonalDataCipher cipher = new PersonalDataCipher(KeyRing.parse("k1=" + K1));
        String stored = cipher.encrypt("p", "1990-01-01");
        byte[] raw = Base64.getDecoder().decode(stored.substring("v1:k1:".length()));
        raw[raw.length - 1] ^= 1;
        String tampered = "v1:k1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> cipher.decrypt("p", tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rotationKeepsOldValuesReadable() {
        String old = new PersonalDataCipher(KeyRing.parse("k1=" + K1)).encrypt("p", "secret");
        PersonalDataCipher rotated = new PersonalDataCipher(KeyRing.parse("k2=" + K2 + ",k1=" + K1));
        assertThat(rotated.decrypt("p", old)).isEqualTo("secret");
        assertThat(rotated.encrypt("p", "new")).startsWith("v1:k2:");
        PersonalDataCipher withoutOldKey = new PersonalDataCipher(KeyRing.parse("k2=" + K2));
        assertThatThrownBy(() -> withoutOldKey.decrypt("p", old)).hasMessageContaining("k1");
    }

    @Test
    void keysMustBe256Bits() {
        assertThatThrownBy(() -> KeyRing.parse("k1=" + Base64.getEncoder().encodeToString(new byte[16]))).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> KeyRing.parse("nokey")).hasMessageContaining("id=base64key");
    }

    @Test
    void blindIndexIgnoresFormattingAndDependsOnTheKey() {
        BlindIndex index = new BlindIndex(new byte[32]);
        assertThat(index.ssn("123-45-6789")).isEqualTo(index.ssn("123456789")).hasSize(64);
        assertThat(index.ssn("123-45-6789")).isNotEqualTo(index.ssn("123-45-6788"));
        assertThat(new BlindIndex(Base64.getDecoder().decode(K2)).ssn("123456789")).isNotEqualTo(index.ssn("123456789"));
    }
}
