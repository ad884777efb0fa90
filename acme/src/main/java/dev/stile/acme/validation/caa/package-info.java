/**
 * CAA checking (RFC 8659) as seen by the ACME services: the {@link dev.stile.acme.validation.caa.CaaVerifier}
 * port. May import the acme model only; the DNS implementation is {@code dev.stile.net.caa}.
 */
package dev.stile.acme.validation.caa;
