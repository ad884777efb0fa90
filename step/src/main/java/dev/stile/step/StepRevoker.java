package dev.stile.step;

import dev.stile.authority.inventory.Revocations;
import dev.stile.provisioners.AuthorizationException;
import dev.stile.provisioners.token.TokenVerifier;
import dev.stile.provisioners.token.VerifiedToken;
import dev.stile.authority.Serials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;

/**
 * {@code POST /revoke} (reference 2.10): with a revoke token whose {@code sub} is the serial, or
 * over mTLS with the certificate itself. Passive only: the certificate is marked revoked in the
 * inventory, renewals are refused and the CRL lists it.
 */
public final class StepRevoker {

    private static final Logger LOG = LoggerFactory.getLogger(StepRevoker.class);

    /**
     * The parsed request body.
     *
     * @param serial     decimal, or 0x-prefixed hex
     * @param ott        revoke token, or empty for mTLS
     * @param reasonCode RFC 5280 CRLReason 0..10
     * @param reason     free text, logged only
     * @param passive    must be true
     */
    public record Request(String serial, String ott, int reasonCode, String reason, boolean passive) {
    }

    private final TokenVerifier tokens;
    private final Revocations revocations;
    private final Runnable onRevoked;
    private final Clock clock;

    public StepRevoker(TokenVerifier tokens, Revocations revocations, Runnable onRevoked, Clock clock) {
        this.tokens = tokens;
        this.revocations = revocations;
        this.onRevoked = onRevoked;
        this.clock = clock;
    }

    /**
     * @param peer the verified TLS client certificate, or null
     * @throws StepException BAD_REQUEST, UNAUTHORIZED, FORBIDDEN as step-ca; NOT_FOUND for a
     *                       certificate this CA did not issue; NOT_IMPLEMENTED for non-passive revocation
     */
    public void revoke(Request r, X509Certificate peer) {
        Failures.translated(() -> revokeCertificate(r, peer));
    }

    private void revokeCertificate(Request r, X509Certificate peer) {
        if (!r.passive()) {
            throw StepException.notImplemented("non-passive revocation not implemented");
        }
        if (r.reasonCode() < 0 || r.reasonCode() > 10) {
            throw AuthorizationException.badRequest("reasonCode " + r.reasonCode() + " is not a CRL reason code (0..10)");
        }
        BigInteger serial = parseSerial(r.serial());
        String how;
        if (r.ott() != null && !r.ott().isBlank()) {
            VerifiedToken token = tokens.authorizeRevoke(r.ott());
            if (!token.subject().equals(serial.toString())) {
                throw AuthorizationException.forbidden("token subject " + token.subject()
                        + " and serial number " + serial + " do not match");
            }
            how = "token of " + token.provisioner();
        } else if (peer != null) {
            if (!peer.getSerialNumber().equals(serial)) {
                throw AuthorizationException.forbidden("serial number in client certificate different than body");
            }
            how = "mTLS";
        } else {
            throw AuthorizationException.badRequest("missing ott or client certificate");
        }
        Revocations.Outcome outcome = revocations.revoke(Serials.toHex(serial), r.reasonCode(), clock.instant());
        switch (outcome) {
            case ALREADY_REVOKED:
                throw AuthorizationException.badRequest("certificate with serial number '" + serial + "' is already revoked");
            case UNKNOWN_CERTIFICATE:
                String notIssued = "certificate with serial number '" + serial + "' was not issued by this CA";
                throw StepException.notFound(notIssued, notIssued);
            default:
                LOG.info("revoked certificate {} (hex {}) by {}, reason code {}{}", serial, Serials.toHex(serial), how,
                        r.reasonCode(), r.reason() == null || r.reason().isBlank() ? "" : ": " + r.reason());
                onRevoked.run();
        }
    }

    static BigInteger parseSerial(String s) {
        if (s == null || s.isBlank()) {
            throw AuthorizationException.badRequest("missing serial");
        }
        String t = s.trim();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return new BigInteger(t.substring(2), 16);
            }
            return new BigInteger(t);
        } catch (NumberFormatException e) {
            throw AuthorizationException.badRequest("serial \"" + s + "\" is not a decimal or 0x-prefixed hex number");
        }
    }
}
