package org.openkyc.db;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The time a piece of work (a request, a group of KYC starts, a health check) may spend in the
 * database, bound to the thread that does it: waiting for a connection, in statements, commits and
 * rollbacks, waiting for another thread's commit on its behalf. Once it is spent, the next of these
 * fails at once; each goes with a network timeout of what is left, so a database that stops
 * answering cannot hold the work past it either ({@link BudgetedDataSource}). Without a budget
 * (background workers, start-up) the pool's own timeouts apply.
 *
 * <p>Time the work spends elsewhere (reading a slow upload, computing while it holds a connection)
 * is not counted: that is why this is a budget of time in the database rather than a deadline from
 * the request's arrival.
 */
public final class DatabaseBudget implements AutoCloseable {

    private static final ThreadLocal<DatabaseBudget> CURRENT = new ThreadLocal<>();

    private final long totalNanos;
    private final AtomicLong spentNanos = new AtomicLong();
    private final DatabaseBudget previous;

    private DatabaseBudget(Duration total, DatabaseBudget previous) {
        this.totalNanos = total.toNanos();
        this.previous = previous;
    }

    /** Gives the current thread {@code total} with the database until the returned budget is closed. */
    public static DatabaseBudget open(Duration total) {
        DatabaseBudget budget = new DatabaseBudget(total, CURRENT.get());
        CURRENT.set(budget);
        return budget;
    }

    /** The current thread's budget; null when it has none. */
    static DatabaseBudget current() {
        return CURRENT.get();
    }

    @Override
    public void close() {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    long leftMillis() {
        return TimeUnit.NANOSECONDS.toMillis(totalNanos - spentNanos.get());
    }

    void spend(long nanos) {
        spentNanos.addAndGet(nanos);
    }

    String spentMessage() {
        return "the work's " + TimeUnit.NANOSECONDS.toMillis(totalNanos) + " ms with the database are spent";
    }

    /**
     * Waits for a result another thread produces with the database for this thread's work (e.g. a
     * commit shared with other requests), within what is left of the current budget (without
     * one, as long as it takes). Running out of it is the database being out of reach.
     */
    public static <T> T await(CompletableFuture<T> result) {
        DatabaseBudget budget = CURRENT.get();
        if (budget == null) {
            return result.join();
        }
        long start = System.nanoTime();
        try {
            return result.get(Math.max(0, budget.leftMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new DataAccessResourceFailureException(budget.spentMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessResourceFailureException("interrupted while waiting for the database", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            budget.spend(System.nanoTime() - start);
        }
    }
}
