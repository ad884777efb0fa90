package dev.stile.db.limits;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;

import dev.stile.db.Database;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Bucket4j's select-for-update protocol on {@code rate_limit_buckets}, in SQL that H2 (in
 * PostgreSQL mode) and PostgreSQL both run. Bucket4j ships a PostgreSQL proxy manager but none
 * for H2 (its insert uses {@code ON CONFLICT}, which H2 lacks), and it computes row expiry from
 * the system clock rather than the configured one; this class is the four statements Bucket4j's
 * generic protocol asks for, nothing more: the bucket arithmetic and the retry on a racing insert
 * stay Bucket4j's.
 *
 * <p>Inside a request transaction ({@link Database#inOneTransaction}) a command joins it: it runs on
 * the request's connection, its commits and rollbacks are the request's (so a request costs one
 * commit, and never holds a second pooled connection while it waits for one), and on PostgreSQL a
 * racing insert does nothing instead of failing, which would abort the request's transaction.
 */
final class JdbcBucketProxyManager extends AbstractSelectForUpdateBasedProxyManager<String> {

    private static final String UNIQUE_VIOLATION = "23505";

    private final Database database;
    private final DataSource dataSource;
    private final TimeMeter clock;
    private final ExpirationAfterWriteStrategy expiry;
    private final String insertSql;

    JdbcBucketProxyManager(Database database, TimeMeter clock, ExpirationAfterWriteStrategy expiry) {
        super(ClientSideConfig.getDefault().withClientClock(clock));
        this.database = database;
        this.dataSource = database.dataSource();
        // H2 fails only the statement on a duplicate key; PostgreSQL would fail the transaction.
        this.insertSql = "INSERT INTO rate_limit_buckets (id, state, expires_at) VALUES (?, NULL, NULL)"
                + (database.kind() == Database.Kind.POSTGRESQL ? " ON CONFLICT (id) DO NOTHING" : "");
        this.clock = clock;
        this.expiry = expiry;
    }

    /** Deletes up to {@code batch} rows whose bucket is full again. */
    int removeExpired(int batch) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM rate_limit_buckets WHERE id IN"
                     + " (SELECT id FROM rate_limit_buckets WHERE expires_at < ? LIMIT ?)")) {
            ps.setLong(1, nowMillis());
            ps.setInt(2, batch);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void removeProxy(String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM rate_limit_buckets WHERE id = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private long nowMillis() {
        return clock.currentTimeNanos() / 1_000_000L;
    }

    @Override
    protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> timeoutNanos) {
        return new RowTransaction(key);
    }

    /**
     * One Bucket4j command on one row: begin, lock (or insert), update, commit, on its own
     * connection, or as part of the request's transaction.
     */
    private final class RowTransaction implements SelectForUpdateBasedTransaction {
        private final String key;
        private Connection connection;
        private boolean joined;

        RowTransaction(String key) {
            this.key = key;
        }

        @Override
        public void begin(Optional<Long> timeoutNanos) {
            joined = false;
            Optional<Connection> request = database.requestConnection();
            if (request.isPresent()) {
                connection = request.get();
                joined = true;
                return;
            }
            try {
                connection = dataSource.getConnection();
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        @Override
        public LockAndGetResult tryLockAndGet(Optional<Long> timeoutNanos) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT state FROM rate_limit_buckets WHERE id = ? FOR UPDATE")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? LockAndGetResult.locked(rs.getBytes(1)) : LockAndGetResult.notLocked();
                }
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        @Override
        public boolean tryInsertEmptyData(Optional<Long> timeoutNanos) {
            try (PreparedStatement ps = connection.prepareStatement(insertSql)) {
                ps.setString(1, key);
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false; // another replica inserted it first; Bucket4j rolls back and retries
                }
                throw failed(e);
            }
        }

        @Override
        public void update(byte[] data, RemoteBucketState state, Optional<Long> timeoutNanos) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE rate_limit_buckets SET state = ?, expires_at = ? WHERE id = ?")) {
                long now = clock.currentTimeNanos();
                ps.setBytes(1, data);
                ps.setLong(2, now / 1_000_000L + expiry.calculateTimeToLiveMillis(state, now));
                ps.setString(3, key);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        @Override
        public void commit(Optional<Long> timeoutNanos) {
            if (joined) {
                return; // committed with the request
            }
            try {
                connection.commit();
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        @Override
        public void rollback() {
            if (joined) {
                // Bucket4j rolls back what changed nothing (a lost insert race, a bucket it must
                // initialise first) or before it throws, which fails the request and rolls it back.
                return;
            }
            try {
                connection.rollback();
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        @Override
        public void release() {
            if (connection == null || joined) {
                connection = null;
                return;
            }
            try {
                connection.setAutoCommit(true);
                connection.close();
            } catch (SQLException e) {
                throw failed(e);
            } finally {
                connection = null;
            }
        }

        private IllegalStateException failed(SQLException e) {
            return new IllegalStateException("rate limit bucket " + key + ": " + e.getMessage(), e);
        }
    }
}
