/**
 * The certificate inventory port: every issued certificate as a {@link
 * dev.stile.authority.inventory.CertificateRecord}, queried and revoked through {@link
 * dev.stile.authority.inventory.CertificateStore}; implemented by the {@code db} module.
 *
 * <p>May import the JDK and {@code dev.stile.core} only.
 */
package dev.stile.authority.inventory;
