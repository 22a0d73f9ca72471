package org.openkyc.webhook;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.openkyc.db.CachedCount;
import org.openkyc.outbox.Outbox;
import org.springframework.stereotype.Component;

/**
 * The delivery backlog gauges (SPEC §11.2). Each is a {@code COUNT(*)}, read at most once per
 * {@link #TTL} however often the metrics are scraped: a backlog is watched over minutes, and a
 * count over a large one is the kind of query a scrape must not multiply.
 */
@Component
class BacklogGauges {

    static final Duration TTL = Duration.ofSeconds(5);

    BacklogGauges(WebhookRepository repository, Outbox outbox, MeterRegistry meters, Clock clock) {
        CachedCount deliveries = new CachedCount("openkyc.webhooks.backlog", repository::pendingCount, TTL, clock);
        CachedCount events = new CachedCount("openkyc.outbox.backlog", outbox::pendingCount, TTL, clock);
        // Strong references: a gauge holds its object weakly, and nothing else holds these.
        Gauge.builder("openkyc.webhooks.backlog", deliveries, CachedCount::value).strongReference(true)
                .description("Deliveries waiting to be sent").register(meters);
        Gauge.builder("openkyc.outbox.backlog", events, CachedCount::value).strongReference(true)
                .description("Events not yet fanned out to subscriptions").register(meters);
    }
}
