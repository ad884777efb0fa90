/**
 * The TLS-ALPN-01 handshake and the trust-everything TLS context validation needs: the acme
 * {@code TlsAlpnProber} port. May import acme, sockets and {@code javax.net.ssl}.
 */
package dev.stile.net.tls;
