package dev.stile.server.acme;

import dev.stile.acme.port.RevocationPort;
import dev.stile.certificates.CertificateRecord;
import dev.stile.certificates.CertificateStore;
import dev.stile.db.Database;
import dev.stile.server.authority.KeyMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * ACME revocation against the CA inventory (the {@code certificates} table, V1): the certificate
 * must be byte-for-byte one the CA issued; it is marked revoked once (a guarded UPDATE), then
 * {@link AcmeEvents#revoked} runs — the hook where the CRL is regenerated.
 */
public final class InventoryRevocation implements RevocationPort {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryRevocation.class);

    /** RFC 5280 §5.3.1 names, indexed by reason code (7 is unused). */
    static final List<String> REASONS = List.of("unspecified", "keyCompromise", "cACompromise", "affiliationChanged",
            "superseded", "cessationOfOperation", "certificateHold", "unused", "removeFromCRL",
            "privilegeWithdrawn", "aACompromise");

    private final Database database;
    private final CertificateStore inventory;
    private final Clock clock;
    private final AcmeEvents events;

    public InventoryRevocation(Database database, CertificateStore inventory, Clock clock, AcmeEvents events) {
        this.database = database;
        this.inventory = inventory;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public Result revoke(X509Certificate certificate, int reasonCode, String requester) {
        String serial = certificate.getSerialNumber().toString(16);
        Optional<CertificateRecord> record = inventory.findBySerial(serial);
        if (record.isEmpty() || !sameCertificate(record.get(), certificate)) {
            return Result.UNKNOWN_CERTIFICATE;
        }
        Instant now = clock.instant();
        int updated = database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE certificates SET revoked_at = ?, revocation_reason = ? WHERE serial = ? AND revoked_at IS NULL")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, REASONS.get(reasonCode));
                ps.setString(3, serial);
                return ps.executeUpdate();
            }
        });
        if (updated == 0) {
            return Result.ALREADY_REVOKED;
        }
        LOG.info("certificate {} revoked through ACME by {} (reason {})", serial, requester, REASONS.get(reasonCode));
        try {
            events.revoked(serial, reasonCode, requester);
        } catch (RuntimeException e) {
            LOG.error("revocation listener failed for certificate {}", serial, e);
        }
        return Result.REVOKED;
    }

    @Override
    public Optional<Instant> revokedAt(String serialHex) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT revoked_at FROM certificates WHERE serial = ?")) {
                ps.setString(1, serialHex);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getTimestamp(1) == null) {
                        return Optional.empty();
                    }
                    return Optional.of(rs.getTimestamp(1).toInstant());
                }
            }
        });
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
