package org.openkyc.db;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A count read from the database at most once per time-to-live, for metrics gauges: a scrape (or
 * several scrapers, or a dashboard refreshing fast) then costs no query while the value is fresh,
 * and a {@code COUNT(*)} over a large backlog runs at most once a TTL whatever the scrape rate. The
 * value is read on demand, by the scrape that finds it stale; concurrent scrapes wait for that one
 * read instead of making their own. A failed read (database out of reach) is not retried before the
 * TTL either: the gauge shows NaN meanwhile, and no scrape waits for a connection.
 */
public final class CachedCount {

    private static final Logger log = LoggerFactory.getLogger(CachedCount.class);

    private final String name;
    private final LongSupplier query;
    private final Duration ttl;
    private final Clock clock;
    private Instant readAt;
    private double value = Double.NaN;

    public CachedCount(String name, LongSupplier query, Duration ttl, Clock clock) {
        this.name = name;
        this.query = query;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The count as last read, read again first when it is older than the TTL. */
    public synchronized double value() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(ttl)) || now.isBefore(readAt)) {
            readAt = now;
            value = read();
        }
        return value;
    }

    private double read() {
        try {
            return query.getAsLong();
        } catch (RuntimeException e) {
            log.warn("{} not counted: {}", name, e.getClass().getSimpleName());
            return Double.NaN;
        }
    }
}
