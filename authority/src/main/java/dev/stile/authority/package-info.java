/**
 * The certificate authority's front door: {@link dev.stile.authority.Authority} signs leaf
 * certificates from an {@link dev.stile.authority.IssueRequest}, stores them through the inventory
 * port before returning them, and decides validity and names once, by the {@link
 * dev.stile.authority.IssuancePolicy} the caller hands in ({@link dev.stile.authority.DurationLimits}
 * for step-ca claims, an agreed window for ACME orders and renewals); {@link
 * dev.stile.authority.CertificateNameReader} reads a certificate's names back the one way; plus the
 * value types every role shares (names, provisioner identity, extensions). Used by the ACME and
 * step-ca roles alike.
 *
 * <p>May import the JDK, BouncyCastle and the other {@code dev.stile.authority} packages; no HTTP,
 * JDBC, DNS or cloud library.
 */
package dev.stile.authority;
