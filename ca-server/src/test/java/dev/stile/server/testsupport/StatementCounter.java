package dev.stile.server.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Counts the SQL statements (and commits) that threads matching a predicate execute, by standing
 * in front of the real JDBC drivers: installed, it is the first driver {@link DriverManager} offers
 * for every URL, so a connection pool opened afterwards (the server's Hikari pool, bucket4j's rate
 * buckets) gets connections whose statements pass through it. Nothing in the server changes.
 *
 * <p>Counting by thread attributes statements to the request that issued them when requests are
 * sent one at a time: the HTTP worker threads run the request path, background chores (validation,
 * purges, the reachability probe) run on threads of their own and are left out.
 */
public final class StatementCounter implements Driver, AutoCloseable {

    /** One executed statement: the thread that ran it and its SQL (null for a batch or unknown). */
    public record Executed(String thread, String sql) {
    }

    private final Predicate<Thread> counted;
    private final List<Executed> statements = Collections.synchronizedList(new ArrayList<>());
    private final List<String> commits = Collections.synchronizedList(new ArrayList<>());

    private StatementCounter(Predicate<Thread> counted) {
        this.counted = counted;
    }

    /**
     * Puts a counter in front of every registered driver. Pools opened before this are not
     * counted; pools opened after it keep using it after {@link #close()} (their counts are
     * simply no longer read).
     */
    public static StatementCounter install(Predicate<Thread> counted) throws SQLException {
        StatementCounter counter = new StatementCounter(counted);
        List<Driver> real = Collections.list(DriverManager.getDrivers());
        for (Driver d : real) {
            DriverManager.deregisterDriver(d);
        }
        DriverManager.registerDriver(counter);
        for (Driver d : real) {
            DriverManager.registerDriver(d);
        }
        return counter;
    }

    /** Counts only on the server's HTTP worker threads ({@code stile-http-*}). */
    public static StatementCounter onRequestThreads() throws SQLException {
        return install(t -> t.getName().startsWith("stile-http"));
    }

    /** Statements executed so far; take the size before and after a request for its share. */
    public List<Executed> statements() {
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }

    public int statementCount() {
        return statements.size();
    }

    public int commitCount() {
        return commits.size();
    }

    @Override
    public void close() throws SQLException {
        DriverManager.deregisterDriver(this);
    }

    private Driver realDriver(String url) throws SQLException {
        for (Driver d : Collections.list(DriverManager.getDrivers())) {
            if (d != this && d.acceptsURL(url)) {
                return d;
            }
        }
        return null;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Driver d = realDriver(url);
        if (d == null) {
            return null;
        }
        Connection c = d.connect(url, info);
        return c == null ? null : (Connection) wrap(c, Connection.class, null);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return realDriver(url) != null;
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        Driver d = realDriver(url);
        return d == null ? new DriverPropertyInfo[0] : d.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no logger");
    }

    private Object wrap(Object target, Class<?> type, String sql) {
        return Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type},
                new Counting(target, sql));
    }

    private final class Counting implements InvocationHandler {
        private final Object target;
        private final String preparedSql;

        Counting(Object target, String preparedSql) {
            this.target = target;
            this.preparedSql = preparedSql;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            boolean mine = counted.test(Thread.currentThread());
            if (mine && target instanceof Statement && name.startsWith("execute")) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
                statements.add(new Executed(Thread.currentThread().getName(), sql));
            } else if (mine && target instanceof Connection && name.equals("commit")) {
                commits.add(Thread.currentThread().getName());
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (target instanceof Connection && result instanceof Statement) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                Class<?> type = result instanceof CallableStatement ? CallableStatement.class
                        : result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                return wrap(result, type, sql);
            }
            return result;
        }
    }
}
