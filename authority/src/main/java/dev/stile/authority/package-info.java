/**
 * The certificate authority's front door: {@link dev.stile.authority.Authority} signs leaf
 * certificates from an {@link dev.stile.authority.IssueRequest}, stores them through the inventory
 * port before returning them, and decides their validity; plus the value types every role shares
 * (names, provisioner identity, extensions). Used by the ACME and step-ca roles alike.
 *
 * <p>May import the JDK, BouncyCastle and the other {@code dev.stile.authority} packages; no HTTP,
 * JDBC, DNS or cloud library.
 */
package dev.stile.authority;
