package dev.stile.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One transaction shared by the store calls a unit of work makes on its thread (see
 * {@link Database#run} and {@link Database#inOneTransaction}): a statement run alone joins it, a
 * nested transaction becomes a savepoint so that its failure undoes only its own writes (as a
 * separate transaction would have). The connection is taken at the first statement, so a request
 * that runs none holds none.
 */
final class ThreadTransaction {

    private final DataSource dataSource;
    private Connection connection;
    private boolean autoCommit;
    /** A joined statement failed outside a savepoint: the transaction may be half done, roll it back. */
    private boolean broken;

    ThreadTransaction(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The shared connection, taken from the pool now if this unit has none yet. */
    Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = dataSource.getConnection();
            try {
                autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    /** A single statement (or several meant to commit one by one) inside the shared transaction. */
    <T> T statement(Database.SqlCallback<T> work) throws SQLException {
        try {
            return work.apply(connection());
        } catch (SQLException | RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    /** A nested transaction: a savepoint, released when the work returns, rolled back to when it throws. */
    <T> T nested(Database.SqlCallback<T> work) throws SQLException {
        Connection c = connection();
        Savepoint savepoint = c.setSavepoint();
        T result;
        try {
            result = work.apply(c);
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback(savepoint);
            } catch (SQLException rollbackFailed) {
                broken = true;
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        }
        c.releaseSavepoint(savepoint);
        return result;
    }

    /**
     * Runs the unit's work and ends it: committed when the work returns, or throws a failure
     * {@code commitAnyway} accepts (a refusal answered after recording what led to it); rolled
     * back when a statement broke the transaction or on any other failure.
     */
    <T> T run(Supplier<T> work, Predicate<RuntimeException> commitAnyway) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            boolean commit = commitAnyway.test(e);
            try {
                finish(commit);
            } catch (StoreException failed) {
                if (commit && !broken) {
                    failed.addSuppressed(e); // the refusal was not recorded: answer the failure instead
                    throw failed;
                }
                e.addSuppressed(failed);
            }
            throw e;
        } catch (Error e) {
            broken = true;
            try {
                finish(false);
            } catch (StoreException failed) {
                e.addSuppressed(failed);
            }
            throw e;
        }
        finish(true);
        return result;
    }

    /** Commits (unless a statement broke the transaction) or rolls back, then returns the connection. */
    private void finish(boolean commit) {
        Connection c = connection;
        if (c == null) {
            return;
        }
        connection = null;
        try (c) {
            try {
                if (commit && !broken) {
                    c.commit();
                } else {
                    c.rollback();
                }
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StoreException("database operation failed: could not "
                    + (commit && !broken ? "commit" : "roll back") + ": " + e.getMessage(), e);
        }
        if (broken && commit) {
            throw new StoreException("database operation failed: a statement of this request failed, so none of its writes were kept");
        }
    }
}
