package org.openkyc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/** Capability packages talk to each other only through their public faces, and without cycles. */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(OpenKycApplication.class);

    @Test
    void moduleBoundariesHold() {
        modules.verify();
    }

    @Test
    void theCapabilitiesAreModules() {
        assertThat(modules.stream().map(ApplicationModule::getName))
                .contains("api", "brand", "config", "customer", "operator", "outbox", "privacy", "program");
    }
}
