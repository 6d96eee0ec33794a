package eu.delisting.gateway.database;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * What a database failure means for the caller, read from the SQL state and vendor code anywhere in
 * an exception's causes (MySQL and MariaDB share these codes). Pure: no framework.
 */
public enum DatabaseFailure {
    /** The database chose this transaction as a deadlock victim: running it again is safe. */
    DEADLOCK,
    /** A row stayed locked longer than the lock wait timeout. */
    LOCK_TIMEOUT,
    /** A unique key refused a second row: someone else created it first. */
    DUPLICATE,
    /** A foreign key or CHECK constraint refused the change. */
    CONSTRAINT,
    /** The database is unreachable, frozen, too slow, or no connection was free in time. */
    UNAVAILABLE;

    private static final int ER_LOCK_DEADLOCK = 1213;
    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;
    private static final int ER_DUP_ENTRY = 1062;
    private static final int ER_QUERY_INTERRUPTED = 1317;
    private static final int ER_STATEMENT_TIMEOUT = 1969;
    private static final int ER_QUERY_TIMEOUT = 3024;

    public static Optional<DatabaseFailure> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTimeoutException || t instanceof SQLTransientConnectionException) {
                return Optional.of(UNAVAILABLE);
            }
            String name = t.getClass().getName();
            if (name.endsWith("CommunicationsException") || name.endsWith("JDBCConnectionException")
                    || name.endsWith("QueryTimeoutException") || name.endsWith("MySQLTimeoutException")) {
                return Optional.of(UNAVAILABLE);
            }
            if (t instanceof SQLException sql) {
                Optional<DatabaseFailure> known = of(sql);
                if (known.isPresent()) {
                    return known;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<DatabaseFailure> of(SQLException sql) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        int code = sql.getErrorCode();
        if (code == ER_LOCK_DEADLOCK || state.equals("40001")) {
            return Optional.of(DEADLOCK);
        }
        if (code == ER_LOCK_WAIT_TIMEOUT) {
            return Optional.of(LOCK_TIMEOUT);
        }
        if (code == ER_DUP_ENTRY) {
            return Optional.of(DUPLICATE);
        }
        if (state.startsWith("23")) {
            return Optional.of(CONSTRAINT);
        }
        if (state.startsWith("08") || state.equals("70100") || code == ER_QUERY_INTERRUPTED
                || code == ER_STATEMENT_TIMEOUT || code == ER_QUERY_TIMEOUT) {
            return Optional.of(UNAVAILABLE);
        }
        String message = sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(java.util.Locale.ROOT);
        if (message.contains("acquisition timeout") || message.contains("connection is closed")
                || message.contains("no operations allowed after connection closed")) {
            return Optional.of(UNAVAILABLE);
        }
        return Optional.empty();
    }
}
