package dev.stile.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Whether the database answers, known within a second and without waiting for a pooled
 * connection: one dedicated connection outside the pool runs a trivial check every 250 ms, with a
 * one-second limit on connecting and on reading. {@code /ready} reads the last result, so it flips
 * within about a second when the database becomes unreachable (it took 10 s when each check
 * waited for the pool) and back on the first answer after it returns. A busy pool does not make
 * the probe fail.
 */
final class ReachabilityProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReachabilityProbe.class);
    static final long PERIOD_MS = 250;
    /** A success older than this no longer counts: the probe itself is stuck. */
    static final long STALE_MS = 1_000;

    private final String url;
    private final Properties properties;
    private final ScheduledFuture<?> checks;
    private Connection connection;
    private boolean closed;
    private volatile long lastSuccessNanos;
    private volatile boolean lastSucceeded;

    /** @param timer the server's scheduler; the checks run on it until {@link #close} */
    ReachabilityProbe(Database.Kind kind, String url, String user, String password, ScheduledExecutorService timer) {
        this.url = url;
        this.properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        if (kind == Database.Kind.POSTGRESQL) {
            // Seconds, PgJDBC's unit: a dead network fails the check instead of hanging it.
            properties.setProperty("connectTimeout", "1");
            properties.setProperty("socketTimeout", "1");
            properties.setProperty("loginTimeout", "1");
        }
        check();
        this.checks = timer.scheduleWithFixedDelay(this::check, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * True when the last check failed: the database refused or dropped the connection, or did
     * not answer within a second. (A check that is merely late, e.g. on a starved CPU, does not
     * count, so requests are never refused on a guess.)
     */
    boolean knownDown() {
        return !lastSucceeded;
    }

    /** True when the last check, at most a second ago, got an answer. */
    boolean reachable() {
        return lastSucceeded && System.nanoTime() - lastSuccessNanos < TimeUnit.MILLISECONDS.toNanos(STALE_MS);
    }

    // Synchronized with close: a check never runs on a connection close() has closed.
    private synchronized void check() {
        if (closed) {
            return;
        }
        boolean wasUp = lastSucceeded;
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(url, properties);
            }
            if (!connection.isValid(1)) {
                throw new SQLException("the connection check did not answer within 1 s");
            }
            lastSuccessNanos = System.nanoTime();
            lastSucceeded = true;
            if (!wasUp) {
                LOG.info("the database answers again");
            }
        } catch (SQLException | RuntimeException e) {
            lastSucceeded = false;
            closeConnection();
            if (wasUp) {
                LOG.warn("the database does not answer: {}", e.getMessage());
            }
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        checks.cancel(false);
        synchronized (this) { // waits for a check in progress (at most about a second)
            closed = true;
            closeConnection();
        }
    }
}
