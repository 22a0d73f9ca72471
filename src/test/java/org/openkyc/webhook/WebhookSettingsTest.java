package org.openkyc.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Webhook settings are checked when the application starts: a malformed one stops it, named. */
class WebhookSettingsTest {

    @EnableConfigurationProperties(WebhookProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void aMalformedAllowedNetworkStopsTheStartAndIsNamed() {
        context.withPropertyValues("openkyc.webhooks.allowed-networks=10.20.0.0/16,10.30.0.0/33").run(app -> {
            assertThat(app).hasFailed();
            assertThat(app.getStartupFailure()).rootCause()
                    .hasMessage("openkyc.webhooks.allowed-networks: '10.30.0.0/33' is not a network: the prefix length must be 0 to 32");
        });
        context.withPropertyValues("openkyc.webhooks.allowed-networks=hooks.internal.example/24").run(app -> assertThat(app).hasFailed());
    }

    @Test
    void aPerReceiverMaximumBelowTheLimitStopsTheStartAndIsNamed() {
        for (String bad : new String[] {"openkyc.webhooks.per-receiver-max=16", "openkyc.webhooks.per-receiver-limit=0"}) {
            context.withPropertyValues(bad).run(app -> {
                assertThat(app).as(bad).hasFailed();
                assertThat(app.getStartupFailure()).rootCause().hasMessageContaining("openkyc.webhooks.per-receiver-limit");
            });
        }
        context.withPropertyValues("openkyc.webhooks.per-receiver-limit=8", "openkyc.webhooks.per-receiver-max=8").run(app -> assertThat(app).hasNotFailed());
    }

    @Test
    void wellFormedNetworksStart() {
        context.withPropertyValues("openkyc.webhooks.allowed-networks=10.20.0.0/16, fd00::/8").run(app -> {
            assertThat(app).hasNotFailed();
            assertThat(app.getBean(WebhookProperties.class).networks()).extracting(n -> n.cidr()).containsExactly("10.20.0.0/16", "fd00::/8");
        });
    }
}
