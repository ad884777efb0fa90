/**
 * Creating a new CA directory ({@code stile init}): root and intermediate generation, the first
 * provisioner key and the step-ca compatible {@code ca.json}/{@code defaults.json}, written in
 * staged steps so a failure leaves no half-written directory.
 *
 * <p>May import the JDK, BouncyCastle, jose4j, Jackson and {@code dev.stile.authority.keys}/{@code .crypto};
 * no HTTP, JDBC or other server code.
 */
package dev.stile.authority.init;
