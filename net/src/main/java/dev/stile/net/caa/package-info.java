/**
 * CAA records read through {@link dev.stile.net.dns.DnsClient}: the acme {@code CaaVerifier} port.
 * May import acme, dnsjava and {@code dev.stile.net.dns}.
 */
package dev.stile.net.caa;
