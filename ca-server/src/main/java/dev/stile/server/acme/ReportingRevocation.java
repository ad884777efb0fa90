package dev.stile.server.acme;

import dev.stile.acme.port.AcmeEvents;
import dev.stile.acme.port.RevocationPort;
import dev.stile.authority.Serials;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/**
 * ACME revocation through the CA's one revocation path (the same inventory, renewal refusal and
 * CRL regeneration as step's {@code /revoke}), reporting each successful revocation to
 * {@link AcmeEvents} for the audit log and metrics.
 */
final class ReportingRevocation implements RevocationPort {

    private final RevocationPort revocations;
    private final AcmeEvents events;

    ReportingRevocation(RevocationPort revocations, AcmeEvents events) {
        this.revocations = revocations;
        this.events = events;
    }

    @Override
    public Result revoke(X509Certificate certificate, int reasonCode, String requester) {
        Result result = revocations.revoke(certificate, reasonCode, requester);
        if (result == Result.REVOKED) {
            events.revoked(Serials.toHex(certificate.getSerialNumber()), reasonCode, requester);
        }
        return result;
    }

    @Override
    public Optional<Instant> revokedAt(String serialHex) {
        return revocations.revokedAt(serialHex);
    }
}
