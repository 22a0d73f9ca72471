package org.openkyc.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A brand's webhook subscription; secrets in clear here, encrypted in the table. */
record Subscription(UUID webhookId, UUID brandId, String url, String description, List<String> events, String version,
                    String status, String secret, String previousSecret, Instant previousSecretUntil, Instant failingSince,
                    Instant dateCreated, Instant dateUpdated) {

    static final String ENABLED = "STATUS_ENABLED";
    static final String DISABLED = "STATUS_DISABLED";

    boolean enabled() {
        return ENABLED.equals(status);
    }

    /** The secrets that sign now: the current one, and a rotated one during its 24 h overlap. */
    List<String> signingSecrets(Instant now) {
        List<String> secrets = new ArrayList<>(List.of(secret));
        if (previousSecret != null && previousSecretUntil != null && previousSecretUntil.isAfter(now)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }

    @Override
    public String toString() {
        return "Subscription[" + webhookId + "]";
    }
}
