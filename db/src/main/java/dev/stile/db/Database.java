package dev.stile.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.stile.core.UnitOfWork;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The connection pool plus the schema. Opening a database migrates it to the current schema with
 * Flyway, so a server never runs against tables it does not understand.
 *
 * <p>Two backends: an H2 file database (the embedded default, one process) and PostgreSQL (several
 * replicas). Migrations are written once, in SQL both understand; H2 runs in PostgreSQL mode.
 */
public final class Database implements AutoCloseable, UnitOfWork {

    /** The backends Stile can store its state in. */
    public enum Kind { H2, POSTGRESQL }

    /** H2's page cache in KiB (its default is 16384). */
    static final int H2_CACHE_KIB = 4096;
    /** Longest wait for a pooled connection before a request fails (and is answered 503). */
    static final long CONNECTION_TIMEOUT_MS = 1_500;
    static final long VALIDATION_TIMEOUT_MS = 1_000;

    private final Kind kind;
    private final HikariDataSource dataSource;
    private volatile ReachabilityProbe probe;
    /** The unit of work open on this thread, whose transaction the store calls join. */
    private final ThreadLocal<ThreadTransaction> unit = new ThreadLocal<>();

    private Database(Kind kind, HikariDataSource dataSource) {
        this.kind = kind;
        this.dataSource = dataSource;
    }

    /**
     * Opens and migrates a database.
     *
     * @param kind     the backend
     * @param jdbcUrl  a JDBC URL ({@code jdbc:h2:file:/path/stile} or {@code jdbc:postgresql://host/db})
     * @param user     user name, may be {@code null}
     * @param password password, may be {@code null}
     * @param poolSize maximum connections; small by default because the server runs in 64 MiB
     */
    public static Database open(Kind kind, String jdbcUrl, String user, String password, int poolSize) {
        Objects.requireNonNull(kind, "kind");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(kind == Kind.H2 ? withH2Options(jdbcUrl) : jdbcUrl);
        H2FileProtection.Prepared h2File = null;
        if (kind == Kind.H2 && password == null) {
            // An H2 file: mode 0600 and the password from its .credential file (created if new).
            h2File = H2FileProtection.prepare(jdbcUrl, withH2Options(jdbcUrl));
            password = h2File == null ? null : h2File.password();
        }
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setPoolName("stile-" + kind.name().toLowerCase(Locale.ROOT));
        // An unreachable database must make a request fail within two seconds (503 + Retry-After),
        // not hang a Jetty thread: a request waits at most this long for a connection.
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(VALIDATION_TIMEOUT_MS);
        if (kind == Kind.POSTGRESQL && !jdbcUrl.contains("synchronous_commit")) {
            // A commit that recorded an issued certificate, a validation or a used token must be
            // on disk before the request answers, whatever the server's (or role's) default.
            config.setConnectionInitSql("SET synchronous_commit = on");
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config); // opens its first connection
        } finally {
            if (h2File != null) {
                h2File.close();
            }
        }
        try {
            SchemaMigration.apply(ds);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(kind, ds);
    }

    /** An in-memory H2 database with the full schema, for tests. */
    public static Database inMemory(String name) {
        return open(Kind.H2, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", 4);
    }

    private static String withH2Options(String url) {
        // PostgreSQL mode so that one set of migrations and queries serves both backends.
        // VALUE is reserved in H2 but an ordinary column name in PostgreSQL (schema_info.value).
        String options = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;NON_KEYWORDS=VALUE";
        String withMode = url.contains("MODE=") ? url : url + options;
        // H2 keeps up to 16 MiB of pages on the Java heap by default: a quarter of the server's
        // 64 MiB heap, and under load it fills and stays resident (heap +6 MiB at peak in
        // bench/run.sh). A CA's working set is small and the file's pages stay in the OS cache, so
        // 4 MiB costs no measurable CPU. An explicit CACHE_SIZE in the URL wins.
        String withCache = withMode.contains("CACHE_SIZE=") ? withMode : withMode + ";CACHE_SIZE=" + H2_CACHE_KIB;
        // H2 writes committed transactions to the file up to 500 ms later by default (WRITE_DELAY),
        // so a kill -9 or power cut lost certificates clients had already received (48 of 7,458
        // in 20 kills). WRITE_DELAY=0 writes at every commit; an explicit value in the URL wins.
        return withCache.contains("WRITE_DELAY=") || withCache.startsWith("jdbc:h2:mem:")
                ? withCache : withCache + ";WRITE_DELAY=0";
    }

    public Kind kind() {
        return kind;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * A unit of work: the store calls {@code work} makes on this thread share one transaction,
     * committed once at its end (one file write on H2 instead of one per store call). A failure
     * the work throws keeps what was written before it (a token consumed by a request refused
     * later stays consumed), unless a statement failed, which rolls the whole unit back.
     */
    @Override
    public <T> T run(Supplier<T> work) {
        return inOneTransaction(work, failure -> true);
    }

    /**
     * Runs one request's store calls as one transaction: every {@link #withConnection} and
     * {@link #inTransaction} on this thread until it returns joins it, on one connection taken
     * at the first statement (none for a request that runs none). Committed when {@code work}
     * returns, or throws an exception {@code commitAnyway} accepts (a refusal the caller answers
     * after recording what led to it, e.g. an order made invalid); rolled back on anything else,
     * and when a statement failed. A request costs one commit instead of one per statement
     * (issue 13: H2 writes its file at every commit). Only for work that hands nothing to other
     * threads before it returns: they would not see its uncommitted rows. Inside a unit already
     * open on this thread it simply joins it (the outer unit commits).
     */
    public <T> T inOneTransaction(Supplier<T> work, Predicate<RuntimeException> commitAnyway) {
        if (unit.get() != null) {
            return work.get();
        }
        failFastWhenDown();
        ThreadTransaction t = new ThreadTransaction(dataSource);
        unit.set(t);
        try {
            return t.run(work, commitAnyway);
        } finally {
            unit.remove();
        }
    }

    /** True while this thread runs inside a unit of work ({@link #run}, {@link #inOneTransaction}). */
    public boolean inRequestTransaction() {
        return unit.get() != null;
    }

    /**
     * The connection of this thread's unit of work (taken now if it has none yet), for code that
     * runs its own transaction protocol (Bucket4j) and must join the unit's instead of taking a
     * second pooled connection; empty outside a unit. The caller must neither commit, roll back
     * nor close it.
     */
    public Optional<Connection> requestConnection() {
        ThreadTransaction t = unit.get();
        if (t == null) {
            return Optional.empty();
        }
        failFastWhenDown();
        try {
            return Optional.of(t.connection());
        } catch (SQLException e) {
            throw new StoreException("database operation failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs work in one transaction: committed when it returns, rolled back when it throws. Inside
     * a unit of work ({@link #run}) it is a savepoint of the unit's transaction instead.
     */
    public <T> T inTransaction(SqlCallback<T> work) {
        failFastWhenDown();
        ThreadTransaction joined = unit.get();
        if (joined != null) {
            try {
                return joined.nested(work);
            } catch (SQLException e) {
                throw new StoreException("database operation failed: " + e.getMessage(), e);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException("database operation failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs work on one connection in auto-commit mode (single statements, reads); inside a unit of
     * work ({@link #run}) on the unit's connection, committed with it.
     */
    public <T> T withConnection(SqlCallback<T> work) {
        failFastWhenDown();
        ThreadTransaction joined = unit.get();
        if (joined != null) {
            try {
                return joined.statement(work);
            } catch (SQLException e) {
                throw new StoreException("database operation failed: " + e.getMessage(), e);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new StoreException("database operation failed: " + e.getMessage(), e);
        }
    }

    /**
     * Throws the error {@link #withConnection} would throw at once while the database is known to
     * be down, without a round trip: for work that needs no statement now but is useless without
     * the database (issuing an ACME nonce nobody could redeem).
     */
    public void requireReachable() {
        failFastWhenDown();
    }

    /**
     * While the probe's last check failed, requests fail at once instead of each waiting up to
     * {@link #CONNECTION_TIMEOUT_MS} for a connection that cannot be made; the error is a
     * connection error (SQL state 08001), which the HTTP layer answers with 503.
     */
    private void failFastWhenDown() {
        ReachabilityProbe p = probe;
        if (p != null && p.knownDown()) {
            throw new StoreException("the database does not answer (its last reachability check failed)",
                    new java.sql.SQLTransientConnectionException("the database is unreachable", "08001"));
        }
    }

    /**
     * Starts checking, four times a second on a connection of its own, whether the database
     * answers, so {@link #isHealthy()} knows within a second (a server calls this once).
     *
     * @param scheduler the server's scheduler the checks run on; {@link #close} cancels them
     */
    public synchronized void startReachabilityProbe(java.util.concurrent.ScheduledExecutorService scheduler) {
        if (probe == null) {
            probe = new ReachabilityProbe(kind, dataSource.getJdbcUrl(), dataSource.getUsername(),
                    dataSource.getPassword(), scheduler);
        }
    }

    /**
     * True while the database answers: the probe's last result when it runs, otherwise a trivial
     * query on a pooled connection within two seconds.
     */
    public boolean isHealthy() {
        ReachabilityProbe p = probe;
        if (p != null) {
            return p.reachable();
        }
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        ReachabilityProbe p = probe;
        probe = null; // a closed database is unhealthy at once (the pool says so), not a second later
        if (p != null) {
            p.close();
        }
        dataSource.close();
    }

    /** Work done with a JDBC connection; may throw {@link SQLException}. */
    @FunctionalInterface
    public interface SqlCallback<T> {
        T apply(Connection connection) throws SQLException;
    }
}
