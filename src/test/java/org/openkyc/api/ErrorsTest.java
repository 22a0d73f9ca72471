package org.openkyc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures are the database out of reach (503) and which are ours (500), as the driver and the pool report them. */
class ErrorsTest {

    private static int status(Throwable failure) {
        return Errors.unexpected(failure).status().value();
    }

    @Test
    void aPostgresqlShuttingDownIsTheDatabaseOutOfReach() {
        // what a PostgreSQL being stopped sends its sessions: admin_shutdown, crash_shutdown, cannot_connect_now
        for (String state : new String[] {"57P01", "57P02", "57P03"}) {
            assertThat(status(new UncategorizedSQLException("select", "SELECT 1", new SQLException("terminating", state)))).as(state).isEqualTo(503);
        }
        assertThat(status(new UncategorizedSQLException("select", "SELECT 1", new SQLException("canceled", "57014")))).isEqualTo(500);
    }

    @Test
    void aRollbackThePoolRefusesOnABrokenConnectionIsTheDatabaseOutOfReach() {
        // Hikari, once it has found the connection broken: "Connection is closed", no SQL state
        assertThat(status(new TransactionSystemException("Could not roll back JDBC transaction", new SQLException("Connection is closed"))))
                .isEqualTo(503);
    }

    @Test
    void aFailureOverriddenByARollbackOnALostConnectionIsTheDatabaseOutOfReach() {
        TransactionSystemException lost = new TransactionSystemException("rollback failed", new SQLException("I/O error", "08006"));
        lost.initApplicationException(new IllegalStateException("a statement failed half-way"));
        assertThat(status(lost)).isEqualTo(503);

        // the first failure tells what happened when it is the client's or a conflict
        TransactionSystemException afterRefusal = new TransactionSystemException("rollback failed", new SQLException("I/O error", "08006"));
        afterRefusal.initApplicationException(ApiException.badRequest("invalid_request", "no"));
        assertThat(status(afterRefusal)).isEqualTo(400);
    }

    @Test
    void ourOwnFailuresStay500() {
        assertThat(status(new IllegalStateException("a bug"))).isEqualTo(500);
        assertThat(status(new DataIntegrityViolationException("check failed", new SQLException("violates check", "23514")))).isEqualTo(500);
        TransactionSystemException commitFailed = new TransactionSystemException("commit failed", new SQLException("deferred check", "23514"));
        assertThat(status(commitFailed)).isEqualTo(500);
    }
}
