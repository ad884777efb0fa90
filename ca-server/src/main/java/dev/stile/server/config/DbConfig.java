package dev.stile.server.config;

import java.nio.file.Path;

/**
 * Where Stile keeps its state, from ca.json {@code db}.
 *
 * @param type        as written in ca.json: {@code h2}, {@code postgresql}, or a step-ca embedded
 *                    type ({@code badgerv2}, {@code badger}, {@code badgerv1}, {@code bbolt})
 * @param kind        the backend actually used; step-ca's embedded types are served with H2
 * @param jdbcUrl     JDBC URL derived from {@code dataSource} (and {@code database})
 * @param user        database user from a {@code postgresql://user:pw@host/} DSN, or null
 * @param password    database password from the DSN, or null
 * @param stepDataDir for step-ca embedded types: the original data directory, which Stile does
 *                    not read (its H2 database lives in {@code <dir>/stile}); otherwise null
 */
public record DbConfig(String type, Kind kind, String jdbcUrl, String user, String password, Path stepDataDir) {

    /** The storage backends. */
    public enum Kind { H2, POSTGRESQL }

    @Override
    public String toString() {
        // Never print the password.
        return "DbConfig[type=" + type + ", jdbcUrl=" + jdbcUrl.replaceAll("password=[^&;]*", "password=***") + "]";
    }
}
