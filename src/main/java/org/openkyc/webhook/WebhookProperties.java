package org.openkyc.webhook;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery settings.
 *
 * @param allowedNetworks   networks delivery may reach although private or reserved (CIDR list);
 *                          sandbox mode always adds loopback
 * @param retryScale        multiplies the retry schedule (tests use a small one instead of sleeping)
 * @param perReceiverLimit  concurrent requests to one host, so a slow receiver cannot take every sender
 * @param timeout           per attempt
 * @param disableAfter      a subscription whose deliveries have all failed this long is disabled
 * @param gather            how long the dispatcher, woken by new events, waits for more before it
 *                          fans them out: fewer, larger fan-out transactions under load
 */
@ConfigurationProperties("openkyc.webhooks")
record WebhookProperties(
        @DefaultValue List<String> allowedNetworks,
        @DefaultValue("1.0") double retryScale,
        @DefaultValue("32") int perReceiverLimit,
        @DefaultValue("64") int batchSize,
        @DefaultValue("15s") Duration timeout,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("5d") Duration disableAfter,
        @DefaultValue("true") boolean workerEnabled,
        @DefaultValue("10ms") Duration gather) {
}
