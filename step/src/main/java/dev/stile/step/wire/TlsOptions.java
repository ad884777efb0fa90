package dev.stile.step.wire;

import java.util.List;

/**
 * The CA's TLS settings as step-ca reports them in every sign response ({@code tlsOptions}),
 * built by the server from ca.json's {@code tls} block.
 *
 * @param cipherSuites IANA names of the TLS 1.2 suites
 * @param minVersion   JSSE protocol name, e.g. {@code TLSv1.2}
 * @param maxVersion   JSSE protocol name, e.g. {@code TLSv1.3}
 */
public record TlsOptions(List<String> cipherSuites, String minVersion, String maxVersion) {

    public TlsOptions {
        cipherSuites = List.copyOf(cipherSuites);
    }
}
