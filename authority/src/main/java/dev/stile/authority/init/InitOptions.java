package dev.stile.authority.init;

import dev.stile.authority.keys.KeyType;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code stile init} (or {@code stile serve} on first run) asks {@link CaInitializer} to create.
 *
 * @param dir                 the CA directory (step's $STEPPATH); must not already hold a CA
 * @param name                CA name: {@code <name> Root CA} / {@code <name> Intermediate CA}
 * @param dnsNames            host names / IPs of the CA, at least one
 * @param address             listen address {@code host:port} or {@code :port}
 * @param provisionerName     name of the JWK provisioner (step suggests an email address)
 * @param password            protects the root and intermediate keys
 * @param provisionerPassword protects the provisioner key; {@code null} = {@code password}
 * @param acme                also add an ACME provisioner named {@code acme}
 * @param keyType             type of the two CA keys
 * @param remoteManagement    write {@code authority.enableAdmin: true} (step's {@code --remote-management})
 * @param databaseUrl         PostgreSQL data source for ca.json {@code db} ({@code postgresql://user:pw@host:port/db}
 *                            or {@code jdbc:postgresql://...}); {@code null} = the embedded H2 in {@code DIR/db}
 * @param opsAddress          ca.json {@code ops.address} (plain-HTTP probes and metrics); {@code null} = none
 */
public record InitOptions(Path dir, String name, List<String> dnsNames, String address, String provisionerName,
                          char[] password, char[] provisionerPassword, boolean acme, KeyType keyType,
                          boolean remoteManagement, String databaseUrl, String opsAddress) {

    /** A CA without an ops listener. */
    public InitOptions(Path dir, String name, List<String> dnsNames, String address, String provisionerName,
                       char[] password, char[] provisionerPassword, boolean acme, KeyType keyType,
                       boolean remoteManagement, String databaseUrl) {
        this(dir, name, dnsNames, address, provisionerName, password, provisionerPassword, acme, keyType,
                remoteManagement, databaseUrl, null);
    }

    /** A CA without the admin API, on the embedded H2 database. */
    public InitOptions(Path dir, String name, List<String> dnsNames, String address, String provisionerName,
                       char[] password, char[] provisionerPassword, boolean acme, KeyType keyType) {
        this(dir, name, dnsNames, address, provisionerName, password, provisionerPassword, acme, keyType, false, null);
    }

    public InitOptions {
        Objects.requireNonNull(dir, "dir");
        dnsNames = List.copyOf(dnsNames);
        keyType = keyType == null ? KeyType.EC_P256 : keyType;
        if (provisionerPassword == null || provisionerPassword.length == 0) {
            provisionerPassword = password;
        }
        databaseUrl = databaseUrl == null || databaseUrl.isBlank() ? null : databaseUrl.trim();
        opsAddress = opsAddress == null || opsAddress.isBlank() ? null : opsAddress.trim();
    }

    /** The same options with the admin API on or off. */
    public InitOptions withRemoteManagement(boolean on) {
        return new InitOptions(dir, name, dnsNames, address, provisionerName, password, provisionerPassword, acme,
                keyType, on, databaseUrl, opsAddress);
    }

    /** Checks the values a user typed; the message names the flag. */
    void validate() {
        if (name == null || name.isBlank()) {
            throw new InitException("--name must not be empty");
        }
        if (dnsNames.isEmpty() || dnsNames.stream().anyMatch(n -> n == null || n.isBlank())) {
            throw new InitException("--dns needs at least one host name or IP address, without empty entries");
        }
        if (provisionerName == null || provisionerName.isBlank()) {
            throw new InitException("--provisioner must not be empty");
        }
        if (password == null || password.length == 0) {
            throw new InitException("the CA password is empty");
        }
        if (databaseUrl != null && !databaseUrl.startsWith("postgresql://") && !databaseUrl.startsWith("postgres://")
                && !databaseUrl.startsWith("jdbc:postgresql:")) {
            throw new InitException("--db-url '" + redactedDatabaseUrl() + "' must be a PostgreSQL data source: "
                    + "postgresql://user:password@host:5432/stile or jdbc:postgresql://host:5432/stile");
        }
        port();
        if (opsAddress != null) {
            checkedPort("--ops-address", opsAddress);
        }
    }

    /** The port of {@link #address}, checked. */
    int port() {
        return checkedPort("--address", address);
    }

    private static int checkedPort(String flag, String value) {
        String text = value == null ? "" : value.trim();
        int colon = text.lastIndexOf(':');
        if (colon < 0 || colon == text.length() - 1) {
            throw new InitException(flag + " '" + value + "' must be HOST:PORT or :PORT, e.g. :9000");
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new InitException(flag + " '" + value + "' has no valid port (1-65535)");
        }
    }

    /** {@link #databaseUrl} without its password, for messages. */
    public String redactedDatabaseUrl() {
        return databaseUrl == null ? null
                : databaseUrl.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@").replaceAll("password=[^&;]*", "password=***");
    }
}
