package org.openkyc.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

import org.openkyc.config.OpenKycProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the keys come from: configuration ({@code OPENKYC_CRYPTO_DATA_KEYS},
 * {@code OPENKYC_CRYPTO_BLIND_INDEX_KEY}); in sandbox mode without configuration, a key file
 * generated once in the data directory. Live mode refuses to start without configured keys.
 */
@Configuration(proxyBeanMethods = false)
class PrivacyConfig {

    private static final Logger log = LoggerFactory.getLogger(PrivacyConfig.class);
    static final String KEY_FILE = "encryption-keys.properties";

    @Bean
    Keys keys(OpenKycProperties properties) {
        var crypto = properties.crypto();
        boolean configured = notBlank(crypto.dataKeys()) && notBlank(crypto.blindIndexKey());
        if (configured) {
            return new Keys(KeyRing.parse(crypto.dataKeys()), KeyRing.decode32(crypto.blindIndexKey(), "openkyc.crypto.blind-index-key"));
        }
        if (!properties.sandbox()) {
            throw new IllegalStateException("Live mode needs encryption keys: set OPENKYC_CRYPTO_DATA_KEYS (id=base64 of 32 random bytes) "
                    + "and OPENKYC_CRYPTO_BLIND_INDEX_KEY (base64 of 32 random bytes).");
        }
        return sandboxKeys(properties.dataDir().resolve(KEY_FILE));
    }

    @Bean
    PersonalDataCipher personalDataCipher(Keys keys) {
        return new PersonalDataCipher(keys.ring());
    }

    @Bean
    BlindIndex blindIndex(Keys keys) {
        return new BlindIndex(keys.blindIndexKey());
    }

    record Keys(KeyRing ring, byte[] blindIndexKey) {
    }

    private static Keys sandboxKeys(Path file) {
        try {
            if (!Files.exists(file)) {
                Properties generated = new Properties();
                generated.setProperty("data-keys", "sandbox1=" + randomKey());
                generated.setProperty("blind-index-key", randomKey());
                OwnerOnlyFiles.write(file, out -> generated.store(out, "OpenKYC sandbox encryption keys. Losing this file makes stored personal data unreadable."), false);
                log.info("Generated sandbox encryption keys in {}", file.toAbsolutePath());
            }
            Properties stored = new Properties();
            try (var in = Files.newInputStream(file)) {
                stored.load(in);
            }
            return new Keys(KeyRing.parse(stored.getProperty("data-keys")), KeyRing.decode32(stored.getProperty("blind-index-key"), "blind-index-key"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
