package dev.stile.provisioners;

import dev.stile.authority.ProvisionerExtension;

import dev.stile.provisioners.claims.Claims;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * May this certificate be renewed (or rekeyed) now? Reference section 2.8: the provisioner that
 * issued it must still exist and allow renewal, the certificate must be valid already, and an
 * expired certificate only with {@code allowRenewalAfterExpiry}. (Whether the serial is revoked is
 * the caller's check: it needs the store.)
 */
public final class RenewalRules {

    private RenewalRules() {
    }

    /**
     * The provisioner that issued a certificate, from its provisioner extension.
     *
     * @return empty when the certificate has no extension (renewed with the authority's claims)
     * @throws AuthorizationException 401 when the extension names a provisioner that no longer exists
     */
    public static Optional<Provisioner> issuerOf(X509Certificate cert, ProvisionerRegistry registry) {
        Optional<ProvisionerExtension> ext = extensionOf(cert);
        if (ext.isEmpty()) {
            return Optional.empty();
        }
        Provisioner p = registry.byName(ext.get().name()).orElseThrow(() -> AuthorizationException.unauthorized(
                "certificate " + cert.getSerialNumber() + " was issued by provisioner \"" + ext.get().name()
                        + "\", which is no longer configured, so it cannot be renewed"));
        return Optional.of(p);
    }

    /**
     * The certificate's provisioner extension, as renewal reads it.
     *
     * @return empty when the certificate has none
     * @throws AuthorizationException 401 when the extension is there but unreadable
     */
    public static Optional<ProvisionerExtension> extensionOf(X509Certificate cert) {
        try {
            return ProvisionerExtension.from(cert);
        } catch (IllegalArgumentException e) {
            throw AuthorizationException.unauthorized(e.getMessage());
        }
    }

    /**
     * @param provisioner the issuing provisioner, empty for certificates without the extension
     * @param authority   the authority's claims, used when there is no provisioner
     * @throws AuthorizationException 401 as step-ca answers
     */
    public static void check(X509Certificate cert, Optional<Provisioner> provisioner, Claims authority, Instant now) {
        Claims claims = provisioner.map(Provisioner::claims).orElse(authority);
        String serial = cert.getSerialNumber().toString();
        if (claims.disableRenewal()) {
            throw AuthorizationException.unauthorized("renew is disabled for " + provisioner.map(Object::toString)
                    .orElse("this authority") + " (claims.disableRenewal), certificate " + serial);
        }
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        if (now.isBefore(notBefore)) {
            throw AuthorizationException.unauthorized("certificate " + serial + " is not valid until " + notBefore);
        }
        if (now.isAfter(notAfter) && !claims.allowRenewalAfterExpiry()) {
            throw AuthorizationException.unauthorized("certificate expired on " + notAfter,
                    "certificate " + serial + " expired on " + notAfter + " and "
                            + provisioner.map(Object::toString).orElse("the authority")
                            + " does not set claims.allowRenewalAfterExpiry");
        }
    }
}
