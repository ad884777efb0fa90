package dev.stile.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.function.Supplier;

/**
 * One transaction shared by the store calls a {@link dev.stile.core.UnitOfWork} makes on its thread
 * (see {@link Database#run}): a statement run alone joins it, a nested transaction becomes a
 * savepoint so that its failure undoes only its own writes (as a separate transaction would have).
 */
final class ThreadTransaction {

    private final Connection connection;
    private final boolean autoCommit;
    /** A joined statement failed outside a savepoint: the transaction may be half done, roll it back. */
    private boolean broken;

    private ThreadTransaction(Connection connection) throws SQLException {
        this.connection = connection;
        this.autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
    }

    static ThreadTransaction begin(DataSource dataSource) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            return new ThreadTransaction(c);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** A single statement (or several meant to commit one by one) inside the shared transaction. */
    <T> T statement(Database.SqlCallback<T> work) throws SQLException {
        try {
            return work.apply(connection);
        } catch (SQLException | RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    /** A nested transaction: a savepoint, released when the work returns, rolled back to when it throws. */
    <T> T nested(Database.SqlCallback<T> work) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        T result;
        try {
            result = work.apply(connection);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollbackFailed) {
                broken = true;
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        }
        connection.releaseSavepoint(savepoint);
        return result;
    }

    /**
     * Ends the unit: commits unless a statement broke the transaction, then returns the connection.
     *
     * @param failure what the work threw, or {@code null}
     */
    <T> T finish(T result, RuntimeException failure) {
        try (Connection c = connection) {
            if (broken) {
                c.rollback();
            } else {
                c.commit();
            }
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            if (failure != null) {
                failure.addSuppressed(e);
                throw failure;
            }
            throw new StoreException("database operation failed: could not commit: " + e.getMessage(), e);
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /** Runs the unit's work and ends it. */
    <T> T run(Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            return finish(null, e);
        } catch (Error e) {
            broken = true;
            finish(null, null);
            throw e;
        }
        return finish(result, null);
    }
}
