package org.openkyc.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one source of "now" for every capability (deadlines, leases, key lives, retry times), so a
 * test can move time instead of waiting for it. Elapsed-time measurements (latencies, waits) use
 * {@link System#nanoTime()} and are not part of it.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
