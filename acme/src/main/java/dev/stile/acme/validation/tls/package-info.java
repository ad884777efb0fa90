/**
 * TLS-ALPN-01 rules (RFC 8737: what the acme-tls/1 certificate must hold) and its port
 * {@link dev.stile.acme.validation.tls.TlsAlpnProber}. May import the acme model, BouncyCastle for
 * reading certificates and the JDK; no {@code javax.net} or sockets (net implements the port).
 */
package dev.stile.acme.validation.tls;
