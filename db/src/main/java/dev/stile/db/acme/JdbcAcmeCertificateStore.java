package dev.stile.db.acme;

import dev.stile.acme.store.AcmeCertificate;
import dev.stile.acme.store.AcmeCertificateStore;
import dev.stile.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** {@link AcmeCertificateStore} on table {@code acme_certificates}. */
public final class JdbcAcmeCertificateStore implements AcmeCertificateStore {

    private static final String COLUMNS =
            "id, account_id, provisioner, serial, identifiers, chain_pem, not_before, not_after, ari_cert_id, replaced";
    private final Database db;

    public JdbcAcmeCertificateStore(Database db) {
        this.db = db;
    }

    @Override
    public void save(AcmeCertificate cert) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO acme_certificates (" + COLUMNS
                    + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, cert.id());
                ps.setString(2, cert.accountId());
                ps.setString(3, cert.provisioner());
                ps.setString(4, cert.serialHex());
                ps.setString(5, Jdbc.writeIdentifiers(cert.identifiers()));
                ps.setString(6, cert.chainPem());
                Jdbc.setInstant(ps, 7, cert.notBefore());
                Jdbc.setInstant(ps, 8, cert.notAfter());
                ps.setString(9, cert.ariCertId());
                ps.setBoolean(10, cert.replaced());
                Jdbc.setInstant(ps, 11, Instant.now());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<AcmeCertificate> find(String id) {
        return queryOne("id", id);
    }

    @Override
    public Optional<AcmeCertificate> findBySerial(String serialHex) {
        return queryOne("serial", serialHex);
    }

    @Override
    public Optional<AcmeCertificate> findByAriCertId(String ariCertId) {
        return queryOne("ari_cert_id", ariCertId);
    }

    @Override
    public int purgeExpired(Instant before, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM acme_certificates WHERE id IN "
                    + "(SELECT id FROM acme_certificates WHERE not_after < ? LIMIT ?)")) {
                Jdbc.setInstant(ps, 1, before);
                ps.setInt(2, limit);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean markReplaced(String id) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE acme_certificates SET replaced = TRUE WHERE id = ? AND replaced = FALSE")) {
                ps.setString(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private Optional<AcmeCertificate> queryOne(String column, String value) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM acme_certificates WHERE " + column + " = ?")) {
                ps.setString(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    private static AcmeCertificate map(ResultSet rs) throws SQLException {
        return new AcmeCertificate(rs.getString("id"), rs.getString("account_id"), rs.getString("provisioner"),
                rs.getString("serial"), Jdbc.identifiers(rs.getString("identifiers")), rs.getString("chain_pem"),
                Jdbc.instant(rs, "not_before"), Jdbc.instant(rs, "not_after"), rs.getString("ari_cert_id"),
                rs.getBoolean("replaced"));
    }
}
