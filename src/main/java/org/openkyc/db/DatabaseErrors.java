package org.openkyc.db;

/** Recognises a database out of reach, for the API's 503 and for background work that waits it out. */
public final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /** Whether the failure, or one of its causes, is the database being out of reach. */
    public static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (outOfReach(t)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this one failure, not its causes, is the database being out of reach. */
    public static boolean outOfReach(Throwable t) {
        return t instanceof org.springframework.jdbc.CannotGetJdbcConnectionException
                || t instanceof org.springframework.transaction.CannotCreateTransactionException
                || t instanceof org.springframework.dao.DataAccessResourceFailureException
                || t instanceof java.sql.SQLTransientConnectionException
                || connectionLost(t);
    }

    /**
     * SQL state class 08: the connection to the database broke (e.g. the server went away
     * mid-request); 57P01-57P03: the server is shutting down, restarting or not yet accepting
     * connections (what a PostgreSQL being stopped tells its sessions).
     */
    private static boolean connectionLost(Throwable t) {
        if (!(t instanceof java.sql.SQLException sql) || sql.getSQLState() == null) {
            return false;
        }
        String state = sql.getSQLState();
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }
}
