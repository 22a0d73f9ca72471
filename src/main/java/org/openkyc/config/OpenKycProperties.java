package org.openkyc.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's own settings, all optional. Environment variables override them in the usual
 * Spring way ({@code OPENKYC_DATA_DIR}, {@code OPENKYC_MODE}, {@code OPENKYC_ADMIN_TOKEN}, ...).
 */
@ConfigurationProperties("openkyc")
public record OpenKycProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("sandbox") Mode mode,
        String adminToken,
        @DefaultValue Crypto crypto,
        @DefaultValue("5s") java.time.Duration apiKeyCache) {

    public enum Mode { SANDBOX, LIVE }

    /**
     * Encryption keys for personal data. {@code dataKeys} is a list of {@code id=base64key} pairs
     * separated by commas; the first one encrypts, all of them decrypt (key rotation).
     */
    public record Crypto(String dataKeys, String blindIndexKey) {
    }

    // apiKeyCache: how long an instance trusts a looked-up API key before reading it again. A key
    // deactivated on another instance stops working here within this time; 0 turns the cache off.

    public boolean sandbox() {
        return mode == Mode.SANDBOX;
    }

    public boolean adminApiEnabled() {
        return adminToken != null && !adminToken.isBlank();
    }
}
