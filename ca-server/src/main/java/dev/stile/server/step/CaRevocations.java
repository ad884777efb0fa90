package dev.stile.server.step;

import dev.stile.acme.port.RevocationPort;
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
 * ACME's {@link RevocationPort} on the same inventory, revocation state and CRL as step's
 * {@code /revoke}, so a certificate revoked through either API is refused renewal and listed in
 * the one CRL. The certificate must be byte for byte the one the inventory holds.
 */
public final class CaRevocations implements RevocationPort {

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

    @Override
    public Result revoke(X509Certificate certificate, int reasonCode, String requester) {
        String serial = Serials.toHex(certificate.getSerialNumber());
        Optional<CertificateRecord> record = certificates.findBySerial(serial);
        if (record.isEmpty() || !sameCertificate(record.get(), certificate)) {
            return Result.UNKNOWN_CERTIFICATE;
        }
        switch (revocations.revoke(serial, reasonCode, clock.instant())) {
            case REVOKED:
                LOG.info("revoked certificate {} (hex) for {}, reason code {}", serial, requester, reasonCode);
                crl.revoked();
                return Result.REVOKED;
            case ALREADY_REVOKED:
                return Result.ALREADY_REVOKED;
            default:
                return Result.UNKNOWN_CERTIFICATE;
        }
    }

    @Override
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
