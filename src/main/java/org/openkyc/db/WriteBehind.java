package org.openkyc.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

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
 * back are dropped; a write queued once the commit has begun (in an {@code afterCommit}) is
 * refused with an exception. On PostgreSQL the commit itself travels in the same round trip.
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
        queue().add(new Write(sql, params, false));
    }

    /**
     * Queues a single-row {@code INSERT ... VALUES (...)} of a row that nothing else in the
     * transaction depends on and that depends on nothing written earlier in it (no foreign key
     * between it and the transaction's other writes, no later statement reads it): it may move. On
     * PostgreSQL all such rows of one statement go as one multi-row insert, in the place of the
     * first, keeping their order: the database runs one statement for many rows (an evaluator
     * batch writes over a hundred events).
     */
    public void insertIndependentRow(String sql, Object... params) {
        if (!isSingleRowInsert(sql)) {
            throw new IllegalArgumentException("not a single-row INSERT ... VALUES (...): " + sql);
        }
        queue().add(new Write(sql, params, true));
    }

    /**
     * Queues an {@code UPDATE} of one row, found by its key, the last parameter, that may go with
     * the transaction's other updates of the same statement. On PostgreSQL two or more of them go
     * as one {@code batchSql} in the place of the first; it receives each parameter position as an
     * array of the rows' values as text, in the same order (cast and unnest them, e.g.
     * {@code unnest(?::varchar[], ?::uuid[]) AS v(status, id)}). Rows of a statement whose keys
     * repeat go one by one instead. Like an independent row, the update may move: only for rows no
     * other held-back write of the transaction touches. Elsewhere {@code sql} runs for each row.
     */
    public void updateRow(String sql, String batchSql, Object... params) {
        queue().add(new Write(sql, params, false, batchSql));
    }

    /** How many writes the current transaction holds back so far (0 outside a transaction). */
    public int queued() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return 0;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        return pending == null ? 0 : pending.writes.size();
    }

    static boolean isSingleRowInsert(String sql) {
        return rowShape(sql) != null;
    }

    private static final Pattern SINGLE_ROW_INSERT = Pattern.compile("(?is)\\s*INSERT\\s+INTO\\s.*\\bVALUES\\s*(\\([^()]*\\))\\s*");

    /** Where a single-row insert's {@code (...)} of values ends, and that text: the part a multi-row insert repeats. */
    private record RowShape(int valuesEnd, String values) {
    }

    private static final RowShape NOT_A_ROW_INSERT = new RowShape(-1, "");

    /**
     * The statements are the code's constants, a few dozen: matched once each (the pattern took
     * ~2% of the server's CPU under P1 when it ran for every queued row).
     */
    private static final Map<String, RowShape> ROW_SHAPES = new ConcurrentHashMap<>();

    private static RowShape rowShape(String sql) {
        RowShape shape = ROW_SHAPES.computeIfAbsent(sql, s -> {
            Matcher m = SINGLE_ROW_INSERT.matcher(s);
            return m.matches() ? new RowShape(m.end(1), m.group(1)) : NOT_A_ROW_INSERT;
        });
        return shape == NOT_A_ROW_INSERT ? null : shape;
    }

    record Write(String sql, Object[] params, boolean independentRow, String batchSql) {
        Write(String sql, Object[] params, boolean independentRow) {
            this(sql, params, independentRow, null);
        }

        boolean mayMerge() {
            return independentRow || batchSql != null;
        }
    }

    /** Rows in one multi-row insert at most: bounds its parameters well below the protocol's 65,535. */
    private static final int MAX_ROWS_PER_INSERT = 500;

    /**
     * Independent rows of one statement become multi-row inserts (500 rows each at most), and row
     * updates of one statement one batch update, where the first of them was.
     */
    static List<Write> merge(List<Write> writes) {
        List<List<Write>> groups = new ArrayList<>(); // in order of each group's first write
        Map<String, List<Write>> rowsByStatement = new HashMap<>();
        for (Write w : writes) {
            if (!w.mayMerge()) {
                groups.add(List.of(w));
            } else {
                rowsByStatement.computeIfAbsent(w.sql(), sql -> {
                    List<Write> rows = new ArrayList<>();
                    groups.add(rows);
                    return rows;
                }).add(w);
            }
        }
        List<Write> merged = new ArrayList<>();
        for (List<Write> rows : groups) {
            if (rows.get(0).batchSql() != null) {
                merged.addAll(batchUpdate(rows));
                continue;
            }
            for (int from = 0; from < rows.size(); from += MAX_ROWS_PER_INSERT) {
                merged.add(multiRow(rows.subList(from, Math.min(rows.size(), from + MAX_ROWS_PER_INSERT))));
            }
        }
        return merged;
    }

    private static Write multiRow(List<Write> rows) {
        Write first = rows.get(0);
        if (rows.size() == 1) {
            return first;
        }
        RowShape shape = rowShape(first.sql());
        if (shape == null) {
            throw new IllegalStateException(first.sql());
        }
        StringBuilder sql = new StringBuilder(first.sql().substring(0, shape.valuesEnd()));
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                sql.append(", ").append(shape.values());
            }
            params.addAll(Arrays.asList(rows.get(i).params()));
        }
        return new Write(sql.toString(), params.toArray(), false);
    }

    /** One statement for all rows, each parameter position an array of text; the rows themselves if a key repeats. */
    private static List<Write> batchUpdate(List<Write> rows) {
        long keys = rows.stream().map(w -> w.params()[w.params().length - 1]).distinct().count();
        if (rows.size() == 1 || keys < rows.size()) {
            return rows;
        }
        int width = rows.get(0).params().length;
        Object[] columns = new Object[width];
        for (int column = 0; column < width; column++) {
            String[] values = new String[rows.size()];
            for (int row = 0; row < rows.size(); row++) {
                Object value = rows.get(row).params()[column];
                value = value instanceof SqlParameterValue typed ? typed.getValue() : value;
                values[row] = value == null ? null : value.toString();
            }
            columns[column] = values;
        }
        return List.of(new Write(rows.get(0).batchSql(), columns, false));
    }

    /** The writes a transaction holds back; sent once, at its commit, after which nothing more can join them. */
    private static final class Pending {
        final List<Write> writes = new ArrayList<>();
        boolean sent;
    }

    private List<Write> queue() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("a held-back write needs a transaction");
        }
        Pending pending = pending();
        if (pending.sent) {
            // After the commit step (e.g. in an afterCommit callback) a write would be dropped: refuse it.
            throw new IllegalStateException("a write held back after its transaction's writes were sent at its commit");
        }
        return pending.writes;
    }

    private Pending pending() {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending != null) {
            return pending;
        }
        Pending created = new Pending();
        TransactionSynchronizationManager.bindResource(this, created);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(WriteBehind.this);
            }
        });
        return created;
    }

    /**
     * Sends the transaction's held-back writes: called by the transaction manager right before it
     * commits ({@link SendAtCommit}), after every synchronization's {@code beforeCommit} and
     * {@code beforeCompletion}, so that a write queued in any of those is sent too (as a
     * synchronization of its own, this ran before the synchronizations registered after it, and
     * dropped what they queued). A failure here rolls the transaction back.
     */
    void sendAtCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Pending pending = pending();
        pending.sent = true;
        if (!pending.writes.isEmpty()) {
            send(pending.writes);
        }
    }

    private void send(List<Write> writes) {
        if (!oneRoundTrip) {
            writes.forEach(w -> jdbc.update(w.sql(), w.params()));
        } else {
            List<Write> statements = merge(writes);
            for (int from = 0; from < statements.size(); from += MAX_PER_ROUND_TRIP) {
                int to = Math.min(statements.size(), from + MAX_PER_ROUND_TRIP);
                List<Write> chunk = statements.subList(from, to);
                boolean last = to == statements.size();
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
