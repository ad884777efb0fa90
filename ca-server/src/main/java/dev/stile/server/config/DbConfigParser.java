package dev.stile.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * ca.json {@code db}. Stile stores in H2 ({@code h2}) or PostgreSQL ({@code postgresql}); a step-ca
 * directory whose {@code db} is one of step's embedded stores (badger, bbolt) is served with an H2
 * database inside that directory, leaving step's own files untouched.
 */
final class DbConfigParser {

    private static final Set<String> STEP_EMBEDDED = Set.of("badgerv2", "badger", "badgerv1", "bbolt");

    private DbConfigParser() {
    }

    /** @param n the {@code db} object, or null when ca.json has none */
    static DbConfig parse(ConfigNode n, PathResolver paths) {
        if (n == null) {
            // step-ca without a db runs without persistence; Stile always keeps its inventory.
            Path file = paths.caDir().resolve("db").resolve("stile");
            return new DbConfig("h2", DbConfig.Kind.H2, h2Url(file), null, null, null);
        }
        String type = n.requiredString("type").toLowerCase(Locale.ROOT);
        String dataSource = n.requiredString("dataSource");
        String database = n.string("database").orElse("");
        n.accept("valueDir", "badgerFileLoadingMode");
        n.done();
        if (type.equals("h2")) {
            if (dataSource.startsWith("jdbc:h2:")) {
                return new DbConfig(type, DbConfig.Kind.H2, dataSource, null, null, null);
            }
            return new DbConfig(type, DbConfig.Kind.H2, h2Url(paths.resolve(n, "dataSource", dataSource)),
                    null, null, null);
        }
        if (type.equals("postgresql") || type.equals("postgres")) {
            return postgres(n, type, dataSource, database);
        }
        if (STEP_EMBEDDED.contains(type)) {
            Path dir = paths.resolve(n, "dataSource", dataSource);
            // bbolt's dataSource is a file; badger's is a directory.
            Path home = Files.isRegularFile(dir) ? dir.getParent() : dir;
            return new DbConfig(type, DbConfig.Kind.H2, h2Url(home.resolve("stile")), null, null, dir);
        }
        if (type.equals("mysql")) {
            throw n.error("type", "\"mysql\" is not supported; use \"h2\" or \"postgresql\"");
        }
        throw n.error("type", "\"" + type + "\" is not one of h2, postgresql, badgerv2, badger, bbolt");
    }

    private static String h2Url(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath();
    }

    private static DbConfig postgres(ConfigNode n, String type, String dataSource, String database) {
        if (dataSource.startsWith("jdbc:postgresql:")) {
            return new DbConfig(type, DbConfig.Kind.POSTGRESQL, dataSource, null, null, null);
        }
        if (!dataSource.startsWith("postgresql://") && !dataSource.startsWith("postgres://")) {
            throw n.error("dataSource", "must be a JDBC URL (jdbc:postgresql://host/db) or "
                    + "postgresql://user:password@host:port/ as step-ca writes it");
        }
        try {
            URI uri = new URI(dataSource);
            if (uri.getHost() == null) {
                throw n.error("dataSource", "names no host");
            }
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : null;
            }
            String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            String dbName = !database.isEmpty() ? database : path;
            if (dbName.isEmpty()) {
                throw n.error("database", "is required when dataSource names no database");
            }
            String host = uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost();
            String url = "jdbc:postgresql://" + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/" + dbName
                    + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
            return new DbConfig(type, DbConfig.Kind.POSTGRESQL, url, user, password, null);
        } catch (URISyntaxException e) {
            throw n.error("dataSource", "is not a valid URL: " + e.getReason());
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
