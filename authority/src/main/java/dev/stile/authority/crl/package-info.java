/**
 * Certificate revocation lists: building and signing the CA's CRL from the entries its caller
 * hands in. When to regenerate and what to cache belongs to the caller (the step-ca CRL service).
 *
 * <p>May import the JDK, BouncyCastle and {@code dev.stile.authority}/{@code .keys}; no storage,
 * HTTP or scheduling code.
 */
package dev.stile.authority.crl;
