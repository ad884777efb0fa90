package dev.stile.step;

import dev.stile.authority.inventory.CertificateRecord;
import dev.stile.authority.inventory.CertificateStore;
import dev.stile.authority.inventory.Revocations;
import dev.stile.authority.keys.KeyMaterial;
import dev.stile.authority.Serials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Revocation of a certificate presented whole (ACME's revoke-cert, the admin API) on the same
 * inventory, revocation state and CRL as step's {@code /revoke}, so a certificate revoked through
 * any API is refused renewal and listed in the one CRL. The certificate must be byte for byte the
 * one the inventory holds. The server adapts it to ACME's revocation port.
 */
public final class CaRevocations {

    private static final Logger LOG = LoggerFactory.getLogger(CaRevocations.class);

    private final CertificateStore certificates;
    private final Revocations revocations;
    private final CrlService crl;
    private final Clock clock;

    public CaRevocations(CertificateStore certificates, Revocations revocations, CrlService crl, Clock clock) {
        this.certificates = certificates;
        this.revocations = revocations;
        this.crl = crl;
        this.clock = clock;
    }

    public Revocations.Outcome revoke(X509Certificate certificate, int reasonCode, String requester) {
        String serial = Serials.toHex(certificate.getSerialNumber());
        Optional<CertificateRecord> record = certificates.findBySerial(serial);
        if (record.isEmpty() || !sameCertificate(record.get(), certificate)) {
            return Revocations.Outcome.UNKNOWN_CERTIFICATE;
        }
        switch (revocations.revoke(serial, reasonCode, clock.instant())) {
            case REVOKED:
                LOG.info("revoked certificate {} (hex) for {}, reason code {}", serial, requester, reasonCode);
                crl.revoked();
                return Revocations.Outcome.REVOKED;
            case ALREADY_REVOKED:
                return Revocations.Outcome.ALREADY_REVOKED;
            default:
                return Revocations.Outcome.UNKNOWN_CERTIFICATE;
        }
    }

    /** When the certificate with this serial (lower-case hex) was revoked, or empty if it is not. */
    public Optional<Instant> revokedAt(String serialHex) {
        return revocations.find(serialHex).map(Revocations.Revoked::revokedAt);
    }

    private static boolean sameCertificate(CertificateRecord record, X509Certificate certificate) {
        try {
            List<X509Certificate> stored = KeyMaterial.parseCertificates(record.pem(), "inventory " + record.serial());
            return !stored.isEmpty() && Arrays.equals(stored.get(0).getEncoded(), certificate.getEncoded());
        } catch (CertificateEncodingException | RuntimeException e) {
            return false;
        }
    }
}
