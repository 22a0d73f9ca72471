package org.openkyc.db;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Which unique constraint a failed write broke, from the fields the database reports, never from
 * its message text (a PostgreSQL whose {@code lc_messages} is German words its messages in German).
 * PostgreSQL sends the constraint and its table as fields of the error. H2 has no such fields: it
 * quotes the constraint's description (constraint, index, table) as the message's one parameter,
 * which it never translates; only that part is read, up to where the key's values begin.
 *
 * @param table the table, lower case
 * @param constraint the constraint's name, lower case (on H2 generated, e.g. {@code constraint_1}, unless the DDL named it)
 * @param primaryKey whether it is the table's primary key
 */
public record UniqueViolation(String table, String constraint, boolean primaryKey) {

    private static final String UNIQUE_VIOLATION = "23505";

    /** The unique constraint the failure, or one of its causes, broke; empty for any other failure. */
    public static Optional<UniqueViolation> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return t instanceof PSQLException postgres ? fromPostgres(postgres.getServerErrorMessage()) : fromH2(sql.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Whether this is the primary key of {@code table}. */
    public boolean isPrimaryKeyOf(String table) {
        return primaryKey && this.table.equals(table);
    }

    private static Optional<UniqueViolation> fromPostgres(ServerErrorMessage error) {
        if (error == null || error.getTable() == null || error.getConstraint() == null) {
            return Optional.empty();
        }
        // An unnamed PRIMARY KEY is named <table>_pkey by PostgreSQL (and our migrations name none otherwise).
        String table = error.getTable().toLowerCase(Locale.ROOT);
        String constraint = error.getConstraint().toLowerCase(Locale.ROOT);
        return Optional.of(new UniqueViolation(table, constraint, constraint.equals(table + "_pkey")));
    }

    /**
     * H2 2.x: {@code …: "public.CONSTRAINT_1 INDEX public.PRIMARY_KEY_1 ON public.t(a, b) VALUES (…)"},
     * {@code "public.CONSTRAINT_E PRIMARY KEY ON public.t(id) (…)"} or {@code "public.t_u_key INDEX
     * public.t_u_key_INDEX_E ON public.t(u) VALUES (…)"}: the part before the first parenthesis
     * names the constraint, the index and the table; the values (which may hold any text) follow it.
     */
    static Optional<UniqueViolation> fromH2(String message) {
        if (message == null) {
            return Optional.empty();
        }
        int open = message.indexOf('"');
        int columns = open < 0 ? -1 : message.indexOf('(', open);
        if (columns < 0) {
            return Optional.empty();
        }
        String[] words = message.substring(open + 1, columns).trim().split("\\s+");
        int on = words.length - 2;
        if (on < 1 || !words[on].equals("ON")) {
            return Optional.empty();
        }
        String index = String.join(" ", Arrays.copyOfRange(words, 1, on));
        // H2 describes a primary key as PRIMARY KEY, or by its index, which it names PRIMARY_KEY_….
        boolean primaryKey = index.equals("PRIMARY KEY") || index.matches("(?i)INDEX (\\S+\\.)?PRIMARY_KEY_\\S*");
        return Optional.of(new UniqueViolation(unqualified(words[on + 1]), unqualified(words[0]), primaryKey));
    }

    private static String unqualified(String name) {
        return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }
}
