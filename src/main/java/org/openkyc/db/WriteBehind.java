package org.openkyc.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.core.Ordered;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes held back until the current transaction commits, then sent together: on PostgreSQL as one
 * multi-statement prepared statement, which the driver sends in a single round trip (each
 * statement keeps its own bound parameters; nothing is spliced into SQL text). On the hot paths
 * (start KYC, evaluation results, events) this turns four or five round trips into one.
 *
 * <p>Only for writes whose effect the transaction does not read back and whose row count nobody
 * checks: a read later in the same transaction would not see them. A failing write fails the
 * commit, and the whole transaction rolls back as usual. Writes queued in a transaction that rolls
 * back are dropped. On PostgreSQL the commit itself travels in the same round trip.
 */
@Component
public class WriteBehind {

    /** Statements per round trip: a bound on the size of one composite statement. */
    private static final int MAX_PER_ROUND_TRIP = 200;

    private final JdbcTemplate jdbc;
    private final boolean oneRoundTrip;

    WriteBehind(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.oneRoundTrip = isPostgres(dataSource);
    }

    /**
     * Whether the database takes several statements in one prepared statement, in one round trip
     * (PostgreSQL); reads can use that too.
     */
    public boolean compositeStatements() {
        return oneRoundTrip;
    }

    /**
     * Queues a write for the commit of the current transaction. Parameters are bound as with
     * {@code JdbcTemplate.update}; pass a {@link SqlParameterValue} for a typed null.
     */
    public void update(String sql, Object... params) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("a held-back write needs a transaction");
        }
        queue().add(new Write(sql, params));
    }

    private record Write(String sql, Object[] params) {
    }

    private List<Write> queue() {
        @SuppressWarnings("unchecked")
        List<Write> writes = (List<Write>) TransactionSynchronizationManager.getResource(this);
        if (writes != null) {
            return writes;
        }
        List<Write> created = new ArrayList<>();
        TransactionSynchronizationManager.bindResource(this, created);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public int getOrder() {
                return Ordered.LOWEST_PRECEDENCE; // after any synchronization that still queues writes
            }

            @Override
            public void beforeCommit(boolean readOnly) {
                send(created);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(WriteBehind.this);
            }
        });
        return created;
    }

    private void send(List<Write> writes) {
        if (!oneRoundTrip) {
            writes.forEach(w -> jdbc.update(w.sql(), w.params()));
        } else {
            for (int from = 0; from < writes.size(); from += MAX_PER_ROUND_TRIP) {
                int to = Math.min(writes.size(), from + MAX_PER_ROUND_TRIP);
                List<Write> chunk = writes.subList(from, to);
                boolean last = to == writes.size();
                jdbc.execute((ConnectionCallback<Void>) connection -> {
                    sendTogether(connection, chunk, last && !connection.getAutoCommit());
                    return null;
                });
            }
        }
        writes.clear();
    }

    /**
     * With {@code commit}, the round trip ends with the transaction's COMMIT, which saves the commit
     * its own round trip: the driver sees the transaction end (PostgreSQL reports it with every
     * reply) and the transaction manager's commit that follows sends nothing. If a write fails,
     * PostgreSQL skips the rest of the round trip, COMMIT included, and the transaction rolls back.
     */
    private static void sendTogether(Connection connection, List<Write> writes, boolean commit) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (Write w : writes) {
            sql.append(w.sql()).append(";\n");
        }
        if (commit) {
            sql.append("COMMIT");
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (Write w : writes) {
                for (Object param : w.params()) {
                    if (param instanceof SqlParameterValue typed) {
                        StatementCreatorUtils.setParameterValue(statement, index++, typed, typed.getValue());
                    } else {
                        StatementCreatorUtils.setParameterValue(statement, index++, SqlTypeValue.TYPE_UNKNOWN, param);
                    }
                }
            }
            statement.execute();
        }
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            // The database is not reachable at start: send writes one by one, which works everywhere.
            return false;
        }
    }
}
