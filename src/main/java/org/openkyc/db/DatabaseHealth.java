package org.openkyc.db;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The database's part of readiness (SPEC §11.2), answered within a second whatever the database
 * does (Spring Boot's own check waited for the pool's timeout, and for ever on a database that
 * stopped answering): one query with a connection, under a budget of its own, and a bound on the
 * wait for it. Probes that come while a check runs share it, so a frozen database does not pile
 * checks up.
 */
@Component("dbHealthIndicator") // in the place of Spring Boot's
class DatabaseHealth implements HealthIndicator {

    /** The check's own time with the database; the probe waits a little longer for its answer. */
    private static final Duration CHECK = Duration.ofMillis(700);
    private static final long ANSWER_WITHIN_MS = 850;

    private final DataSource dataSource;
    private final AtomicReference<CompletableFuture<Health>> running = new AtomicReference<>();

    DatabaseHealth(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Health health() {
        CompletableFuture<Health> check = running.get();
        if (check == null || check.isDone()) {
            CompletableFuture<Health> next = new CompletableFuture<>();
            if (running.compareAndSet(check, next)) {
                Thread.ofVirtual().name("db-health").start(() -> {
                    try {
                        next.complete(check());
                    } catch (Throwable e) { // never leave later probes waiting on a check that will not end
                        next.completeExceptionally(e);
                    }
                });
                check = next;
            } else {
                check = running.get(); // another probe started one just now
            }
        }
        try {
            return check.get(ANSWER_WITHIN_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", "no answer from the database within " + ANSWER_WITHIN_MS + " ms").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().build();
        } catch (java.util.concurrent.ExecutionException e) {
            return Health.down().withDetail("error", e.getCause().getClass().getSimpleName()).build();
        }
    }

    private Health check() {
        try (DatabaseBudget ignored = DatabaseBudget.open(CHECK);
             Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return Health.up().build();
        } catch (java.sql.SQLException | RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}
