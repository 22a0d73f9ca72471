package org.openkyc.db;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

/**
 * The connection pool, with the thread's {@link DatabaseBudget} applied to every connection it
 * hands out: the wait for a connection is bounded by what is left of the budget (two waits in a
 * row cannot add up past it, as two full pool timeouts did), the connection's network timeout is
 * what is left (a database that stops answering fails the statement instead of holding it), and the
 * time the connection is held is spent from the budget. Without a budget it is the plain pool.
 */
class BudgetedDataSource extends HikariDataSource {

    private static final Executor DIRECT = Runnable::run; // PgJDBC sets the socket timeout at once; H2 ignores it

    @Override
    public Connection getConnection() throws SQLException {
        DatabaseBudget budget = DatabaseBudget.current();
        if (budget == null) {
            return super.getConnection();
        }
        long left = budget.leftMillis();
        if (left <= 0) {
            throw new SQLTransientConnectionException(budget.spentMessage());
        }
        long start = System.nanoTime();
        Connection connection;
        try {
            HikariPool pool = (HikariPool) getHikariPoolMXBean(); // null until the first connection starts the pool
            connection = pool == null || left >= getConnectionTimeout() ? super.getConnection() : pool.getConnection(left);
        } finally {
            budget.spend(System.nanoTime() - start);
        }
        left = budget.leftMillis();
        if (left <= 0) {
            connection.close();
            throw new SQLTransientConnectionException(budget.spentMessage());
        }
        connection.setNetworkTimeout(DIRECT, (int) Math.min(Integer.MAX_VALUE, left)); // the pool restores it when the connection returns
        return held(connection, budget);
    }

    /** The connection, its time held spent from the budget when it is closed (returned to the pool). */
    private static Connection held(Connection connection, DatabaseBudget budget) {
        long since = System.nanoTime();
        AtomicBoolean closed = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "close" -> {
                    if (closed.compareAndSet(false, true)) {
                        budget.spend(System.nanoTime() - since);
                    }
                }
                default -> {
                }
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
