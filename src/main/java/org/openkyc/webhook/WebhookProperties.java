package org.openkyc.webhook;

import java.time.Duration;
import java.util.List;

import org.openkyc.net.IpRanges;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery settings.
 *
 * @param allowedNetworks   networks delivery may reach although private or reserved (CIDR list);
 *                          sandbox mode always adds loopback
 * @param retryScale        multiplies the retry schedule (tests use a small one instead of sleeping)
 * @param perReceiverLimit  concurrent requests to one host (host and port), so a slow receiver cannot take every
 *                          sender: to begin with, and always for one that answers slowly or fails
 * @param perReceiverMax    concurrent requests to one host at most, once it has answered well with
 *                          its limit in use (the limit grows a turn per good answer: {@link ReceiverGate})
 * @param timeout           per attempt
 * @param disableAfter      a subscription whose deliveries have all failed this long is disabled
 * @param gather            how long the dispatcher, woken by new events, waits for more before it
 *                          fans them out: fewer, larger fan-out transactions under load
 * @param trustStore        a PKCS12 file of the certificates https receivers are trusted by, in
 *                          place of the JVM's (a private CA; tests); unset, the JVM's defaults
 * @param trustStorePassword its password, if it has one
 */
@ConfigurationProperties("openkyc.webhooks")
record WebhookProperties(
        @DefaultValue List<String> allowedNetworks,
        @DefaultValue("1.0") double retryScale,
        @DefaultValue("32") int perReceiverLimit,
        @DefaultValue("256") int perReceiverMax,
        @DefaultValue("64") int batchSize,
        @DefaultValue("15s") Duration timeout,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("5d") Duration disableAfter,
        @DefaultValue("true") boolean workerEnabled,
        @DefaultValue("10ms") Duration gather,
        java.nio.file.Path trustStore,
        String trustStorePassword) {

    /** A malformed network is a start-up error that names it: ignored, it would refuse the receivers it was meant to allow. */
    public WebhookProperties {
        if (perReceiverLimit < 1 || perReceiverMax < perReceiverLimit) {
            throw new IllegalArgumentException("openkyc.webhooks.per-receiver-limit must be at least 1 and per-receiver-max at least the limit");
        }
        allowedNetworks.forEach(cidr -> {
            try {
                IpRanges.network(cidr);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("openkyc.webhooks.allowed-networks: " + e.getMessage());
            }
        });
    }

    List<IpRanges.Network> networks() {
        return allowedNetworks.stream().map(IpRanges::network).toList();
    }
}
