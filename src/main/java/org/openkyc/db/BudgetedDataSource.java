package org.openkyc.db;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.concurrent.Executor;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

/**
 * The connection pool, with the thread's {@link DatabaseBudget} applied to every connection it
 * hands out: the wait for a connection is bounded by what is left of the budget (two waits in a
 * row cannot add up past it, as two full pool timeouts did), and so is every statement, commit and
 * rollback (as the connection's network timeout: a database that stops answering fails the
 * statement instead of holding it); the time they take is spent from the budget. Time the work
 * holds a connection without using it is not. Without a budget it is the plain pool.
 */
class BudgetedDataSource extends HikariDataSource {

    private static final Executor DIRECT = Runnable::run; // PgJDBC sets the socket timeout at once; H2 ignores it
    /** A rollback goes even when the budget is spent (it releases locks), with this long to answer. */
    private static final long ROLLBACK_GRACE_MS = 500;

    @Override
    public Connection getConnection() throws SQLException {
        DatabaseBudget budget = DatabaseBudget.current();
        if (budget == null) {
            return super.getConnection();
        }
        long left = left(budget);
        long start = System.nanoTime();
        Connection connection;
        try {
            HikariPool pool = (HikariPool) getHikariPoolMXBean(); // null until the first connection starts the pool
            connection = pool == null || left >= getConnectionTimeout() ? super.getConnection() : pool.getConnection(left);
        } finally {
            budget.spend(System.nanoTime() - start);
        }
        try {
            connection.setNetworkTimeout(DIRECT, (int) Math.min(Integer.MAX_VALUE, left(budget))); // the pool restores it on return
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return proxy(Connection.class, connection, (method, args) -> switch (method.getName()) {
            case "createStatement", "prepareStatement", "prepareCall" ->
                    statement(method.getReturnType(), (Statement) method.invoke(connection, args), connection, budget);
            // A commit goes even once the budget is spent, like a rollback: refusing it would report as
            // failed a transaction whose writes and COMMIT may already have gone in one round trip (WriteBehind).
            case "commit" -> timed(connection, budget, Math.max(ROLLBACK_GRACE_MS, budget.leftMillis()), () -> method.invoke(connection, args));
            case "rollback" -> timed(connection, budget, Math.max(ROLLBACK_GRACE_MS, budget.leftMillis()), () -> method.invoke(connection, args));
            default -> method.invoke(connection, args);
        });
    }

    private static Object statement(Class<?> type, Statement statement, Connection connection, DatabaseBudget budget) {
        return proxy(type, statement, (method, args) -> method.getName().startsWith("execute")
                ? timed(connection, budget, left(budget), () -> method.invoke(statement, args))
                : method.invoke(statement, args));
    }

    private static long left(DatabaseBudget budget) throws SQLTransientConnectionException {
        long left = budget.leftMillis();
        if (left <= 0) {
            throw new SQLTransientConnectionException(budget.spentMessage());
        }
        return left;
    }

    private interface Call {
        Object call() throws Exception;
    }

    /** A round trip bounded by {@code timeoutMs} as the connection's network timeout, its time spent from the budget. */
    private static Object timed(Connection connection, DatabaseBudget budget, long timeoutMs, Call call) throws Exception {
        connection.setNetworkTimeout(DIRECT, (int) Math.min(Integer.MAX_VALUE, timeoutMs));
        long start = System.nanoTime();
        try {
            return call.call();
        } finally {
            budget.spend(System.nanoTime() - start);
        }
    }

    private interface Handler {
        Object handle(Method method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, Handler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                    try {
                        return handler.handle(method, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
        });
    }
}
