package dev.stile.server.config;

import java.util.List;

/**
 * ca.json {@code tls}: protocol versions and TLS 1.2 cipher suites of the HTTPS listener.
 *
 * @param cipherSuites IANA names of the TLS 1.2 suites (TLS 1.3 suites are always enabled, as in Go)
 * @param minVersion   JSSE protocol name, e.g. {@code TLSv1.2}
 * @param maxVersion   JSSE protocol name, e.g. {@code TLSv1.3}
 */
public record TlsConfig(List<String> cipherSuites, String minVersion, String maxVersion) {

    /** step-ca's defaults. */
    public static final List<String> DEFAULT_CIPHER_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");

    public TlsConfig {
        cipherSuites = List.copyOf(cipherSuites);
    }

    public static TlsConfig defaults() {
        return new TlsConfig(DEFAULT_CIPHER_SUITES, "TLSv1.2", "TLSv1.3");
    }

    /** The protocol names from min to max, for {@code setIncludeProtocols}. */
    public List<String> protocols() {
        List<String> all = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
        return all.subList(all.indexOf(minVersion), all.indexOf(maxVersion) + 1);
    }
}
