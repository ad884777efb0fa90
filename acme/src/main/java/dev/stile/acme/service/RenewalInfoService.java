package dev.stile.acme.service;

import dev.stile.acme.port.RevocationPort;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.store.AcmeCertificate;
import dev.stile.acme.store.AcmeCertificateStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * ACME Renewal Information (RFC 9773). The suggested window is the middle third of the last third
 * of the validity (for 24 h certificates: hours 18:40 to 21:20), so a fleet renewing at random
 * inside it spreads out and still has hours of slack. A revoked certificate gets a window that
 * starts now: renew immediately.
 */
public final class RenewalInfoService {

    static final Duration MAX_RETRY_AFTER = Duration.ofHours(6);
    static final Duration MIN_RETRY_AFTER = Duration.ofMinutes(1);

    private final AcmeCertificateStore certificates;
    private final RevocationPort revocation;
    private final Clock clock;

    public RenewalInfoService(AcmeCertificateStore certificates, RevocationPort revocation, Clock clock) {
        this.certificates = certificates;
        this.revocation = revocation;
        this.clock = clock;
    }

    /** GET {@code renewalInfo/{certID}} (unauthenticated): 200 with the window and {@code Retry-After}. */
    public RenewalInfo renewalInfo(String certId) {
        AriCertId.checkShape(certId);
        AcmeCertificate cert = certificates.findByAriCertId(certId)
                .orElseThrow(() -> AcmeException.notFound("no certificate with ARI certID " + certId + " was issued here"));
        Instant now = clock.instant();
        Duration validity = Duration.between(cert.notBefore(), cert.notAfter());
        Duration retry = clamp(validity.dividedBy(8));
        Optional<Instant> revoked = revocation.revokedAt(cert.serialHex());
        if (revoked.isPresent()) {
            return new RenewalInfo(now.minusSeconds(1), now.plus(retry), retry);
        }
        return suggestedWindow(cert.notBefore(), cert.notAfter());
    }

    /**
     * The window of a certificate that is not revoked: the middle third of the last third of its
     * validity (also shown by the admin console next to each certificate).
     */
    public static RenewalInfo suggestedWindow(Instant notBefore, Instant notAfter) {
        Duration validity = Duration.between(notBefore, notAfter);
        Instant lastThird = notBefore.plus(validity.multipliedBy(2).dividedBy(3));
        Duration ninth = validity.dividedBy(9);
        return new RenewalInfo(lastThird.plus(ninth), lastThird.plus(ninth.multipliedBy(2)), clamp(validity.dividedBy(8)));
    }

    private static Duration clamp(Duration d) {
        if (d.compareTo(MAX_RETRY_AFTER) > 0) {
            return MAX_RETRY_AFTER;
        }
        return d.compareTo(MIN_RETRY_AFTER) < 0 ? MIN_RETRY_AFTER : d;
    }
}
