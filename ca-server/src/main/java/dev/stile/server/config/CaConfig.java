package dev.stile.server.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A loaded, validated {@code ca.json}: step-ca's keys plus Stile's {@code validation} and
 * {@code ops} blocks. Paths are absolute (relative ones were resolved against {@link #caDir()}).
 *
 * @param file            the file it was read from
 * @param caDir           the CA directory relative paths are resolved against
 * @param roots           root certificate files; the first is "the" root
 * @param federatedRoots  extra trusted roots served by /federation and /root/{sha256}
 * @param crt             intermediate certificate file (may hold a chain)
 * @param key             intermediate private key file
 * @param password        the key's password from ca.json, or null
 * @param address         HTTPS listen address
 * @param insecureAddress plain-HTTP listen address (CRL only), or null
 * @param dnsNames        names and IPs of the CA: TLS certificate SANs and token audiences
 * @param commonName      CN of the CA's own TLS certificate
 * @param logger          log format
 * @param db              storage
 * @param tls             TLS versions and suites
 * @param authority       provisioners, claims, policy
 * @param crl             CRL settings
 * @param validation      ACME challenge validation settings
 * @param ops             operations listener
 * @param json            the whole file, for areas that read keys of their own
 */
public record CaConfig(
        Path file,
        Path caDir,
        List<Path> roots,
        List<Path> federatedRoots,
        Path crt,
        Path key,
        String password,
        HostPort address,
        HostPort insecureAddress,
        List<String> dnsNames,
        String commonName,
        LoggerConfig logger,
        DbConfig db,
        TlsConfig tls,
        AuthorityConfig authority,
        CrlConfig crl,
        ValidationConfig validation,
        OpsConfig ops,
        JsonNode json) {

    public static final List<String> DEFAULT_DNS_NAMES = List.of("localhost", "127.0.0.1", "::1");
    public static final String DEFAULT_COMMON_NAME = "Stile Online CA";

    public CaConfig {
        Objects.requireNonNull(file, "file");
        roots = List.copyOf(roots);
        federatedRoots = List.copyOf(federatedRoots);
        dnsNames = List.copyOf(dnsNames);
    }

    /** The same configuration listening elsewhere (tests use port 0). */
    public CaConfig withAddress(HostPort newAddress) {
        return new CaConfig(file, caDir, roots, federatedRoots, crt, key, password, newAddress, insecureAddress,
                dnsNames, commonName, logger, db, tls, authority, crl, validation, ops, json);
    }

    /** The same configuration with other validation settings ({@code --resolver}). */
    public CaConfig withValidation(ValidationConfig newValidation) {
        return new CaConfig(file, caDir, roots, federatedRoots, crt, key, password, address, insecureAddress,
                dnsNames, commonName, logger, db, tls, authority, crl, newValidation, ops, json);
    }

    /** The same configuration with another database. */
    public CaConfig withDb(DbConfig newDb) {
        return new CaConfig(file, caDir, roots, federatedRoots, crt, key, password, address, insecureAddress,
                dnsNames, commonName, logger, newDb, tls, authority, crl, validation, ops, json);
    }

    @Override
    public String toString() {
        return "CaConfig[file=" + file + ", address=" + address + ", db=" + db + "]";
    }
}
