/**
 * Certificate signing requests: the one place a PKCS#10 request is parsed, its signature verified
 * and its key checked; callers pass the parsed value along instead of parsing again.
 *
 * <p>May import the JDK, BouncyCastle and {@code dev.stile.authority.keys}/{@code .crypto};
 * protocol rules (ACME identifiers, provisioner policy) live with their callers.
 */
package dev.stile.authority.csr;
