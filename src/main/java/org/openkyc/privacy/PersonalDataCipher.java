package org.openkyc.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for personal data at rest (SPEC §11.3). A stored value reads
 * {@code v1:<key id>:<base64(iv | ciphertext | tag)>}, so old values stay readable after the
 * active key rotates. The purpose (e.g. {@code customer.ssn}) is bound as associated data: a value
 * copied into another column does not decrypt.
 */
public class PersonalDataCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KeyRing keys;
    private final SecureRandom random = new SecureRandom();
    /** Resolved once: looking the provider up on every call was a measurable share of a KYC request. */
    private static final java.security.Provider PROVIDER = provider();

    private static java.security.Provider provider() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding").getProvider();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Initialised ciphers are re-initialised per value; keeping a few saves the JCE lookup on every call. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Cipher> idle = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final int MAX_IDLE = 64;

    private Cipher borrow() throws GeneralSecurityException {
        Cipher cipher = idle.poll();
        return cipher != null ? cipher : Cipher.getInstance("AES/GCM/NoPadding", PROVIDER);
    }

    private void giveBack(Cipher cipher) {
        if (idle.size() < MAX_IDLE) {
            idle.offer(cipher);
        }
    }

    PersonalDataCipher(KeyRing keys) {
        this.keys = keys;
    }

    public String encrypt(String purpose, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        return encrypt(purpose, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    public String encrypt(String purpose, byte[] plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = borrow();
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.activeKey(), "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            giveBack(cipher);
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return "v1:" + keys.activeKeyId() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(String purpose, String stored) {
        return stored == null ? null : new String(decryptBytes(purpose, stored), StandardCharsets.UTF_8);
    }

    public byte[] decryptBytes(String purpose, String stored) {
        String[] parts = stored.split(":", 3);
        if (parts.length != 3 || !"v1".equals(parts[0])) {
            throw new IllegalStateException("not an encrypted value");
        }
        byte[] all = Base64.getDecoder().decode(parts[2]);
        try {
            Cipher cipher = borrow();
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.key(parts[1]), "AES"), new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
            giveBack(cipher); // a cipher whose tag check failed is dropped, not reused
            return plain;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed for key " + parts[1], e);
        }
    }
}
