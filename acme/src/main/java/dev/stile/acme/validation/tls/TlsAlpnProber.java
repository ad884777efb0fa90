package dev.stile.acme.validation.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.security.cert.X509Certificate;

/**
 * Port: one TLS handshake for TLS-ALPN-01 (RFC 8737 §3) with one address, offering only ALPN
 * {@code acme-tls/1} and the given SNI, without checking the certificate chain (implemented in the
 * net module over a raw socket). What the handshake proves is judged by {@link TlsAlpn01Validator}.
 */
@FunctionalInterface
public interface TlsAlpnProber {

    /**
     * A completed handshake.
     *
     * @param alpn the protocol the server chose (null or empty when none)
     * @param leaf the certificate presented, or null when {@code alpn} is not {@code acme-tls/1}
     *             (it is not read then)
     */
    record Handshake(String alpn, X509Certificate leaf) {
    }

    /** Why no handshake completed, and at which stage. */
    final class ProbeException extends IOException {

        /** CONNECT: no TCP connection; HANDSHAKE: the TLS handshake failed; IO: the connection broke otherwise. */
        public enum Stage { CONNECT, HANDSHAKE, IO }

        private final Stage stage;

        /** @param message for CONNECT a few words such as {@code connection refused}; else what TLS or the socket said */
        public ProbeException(Stage stage, String message, Throwable cause) {
            super(message, cause);
            this.stage = stage;
        }

        public Stage stage() {
            return stage;
        }
    }

    /** Connects to {@code address:port} and completes a handshake offering {@code acme-tls/1} with SNI {@code sni}. */
    Handshake probe(InetAddress address, int port, String sni) throws ProbeException;
}
