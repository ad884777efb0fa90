package dev.stile.db.inventory;

import dev.stile.admin.inventory.CertificateInventory;
import dev.stile.admin.inventory.InventoryEntry;
import dev.stile.admin.inventory.InventoryQuery;
import dev.stile.admin.inventory.SerialForms;
import dev.stile.db.Timestamps;
import dev.stile.authority.inventory.CertificateRecord;
import dev.stile.db.Database;
import dev.stile.db.KeysetPages;
import dev.stile.db.certificates.CertificateCursor;
import dev.stile.db.certificates.StoredPem;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The admin view of the {@code certificates} table: every filter of {@code GET /admin/certificates}
 * on the V1 indexes, newest first with an {@code (issued_at, serial)} keyset cursor. Revocation
 * goes through {@code JdbcRevocations}, which the CRL reads.
 */
public final class JdbcCertificateInventory implements CertificateInventory {

    private static final String COLUMNS = "serial, subject, sans, not_before, not_after, provisioner, "
            + "provisioner_type, requester, key_type, pem, issued_at, revoked_at, revocation_reason, profile, der";

    private final Database database;

    public JdbcCertificateInventory(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    public Page<InventoryEntry> list(InventoryQuery q, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM certificates c WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (notBlank(q.name())) {
            sql.append(" AND EXISTS (SELECT 1 FROM certificate_names n WHERE n.serial = c.serial AND n.name = ?)");
            params.add(q.name().trim().toLowerCase(Locale.ROOT));
        }
        if (notBlank(q.serial())) {
            List<String> forms = SerialForms.candidates(q.serial());
            sql.append(" AND c.serial IN (?").append(", ?".repeat(forms.size() - 1)).append(")");
            params.addAll(forms);
        }
        if (notBlank(q.provisioner())) {
            sql.append(" AND c.provisioner = ?");
            params.add(q.provisioner());
        }
        if (q.expiringBefore() != null) {
            sql.append(" AND c.not_after < ?");
            params.add(Timestamps.toDb(q.expiringBefore()));
        }
        if (q.status() != null) {
            switch (q.status()) {
                case REVOKED:
                    sql.append(" AND c.revoked_at IS NOT NULL");
                    break;
                case EXPIRED:
                    sql.append(" AND c.revoked_at IS NULL AND c.not_after <= ?");
                    params.add(Timestamps.toDb(q.now()));
                    break;
                default:
                    sql.append(" AND c.revoked_at IS NULL AND c.not_after > ?");
                    params.add(Timestamps.toDb(q.now()));
                    break;
            }
        }
        Optional<CertificateCursor> after = CertificateCursor.parse(page.cursor());
        if (after.isPresent()) {
            sql.append(" AND (c.issued_at < ? OR (c.issued_at = ? AND c.serial < ?))");
            OffsetDateTime at = Timestamps.toDb(after.get().issuedAt());
            params.add(at);
            params.add(at);
            params.add(after.get().serial());
        }
        sql.append(" ORDER BY c.issued_at DESC, c.serial DESC");
        return KeysetPages.fetch(database, sql.toString(), params, page.limit(), JdbcCertificateInventory::read,
                last -> new CertificateCursor(last.certificate().issuedAt(), last.certificate().serial()).encode());
    }

    public Optional<InventoryEntry> find(String serial) {
        Page<InventoryEntry> page = list(new InventoryQuery(null, serial, null, null, null, null), PageRequest.first(1));
        return page.items().stream().findFirst();
    }

    /** Certificates neither revoked nor expired at {@code now}: an index range count on not_after. */
    public long countActive(Instant now) {
        return database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT COUNT(*) FROM certificates WHERE not_after > ? AND revoked_at IS NULL")) {
                ps.setObject(1, Timestamps.toDb(now));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static InventoryEntry read(ResultSet rs) throws SQLException {
        String sans = rs.getString("sans");
        CertificateRecord c = new CertificateRecord(rs.getString("serial"), rs.getString("subject"),
                sans.isEmpty() ? List.of() : Arrays.asList(sans.split("\n")),
                Timestamps.fromDb(rs.getObject("not_before", OffsetDateTime.class)),
                Timestamps.fromDb(rs.getObject("not_after", OffsetDateTime.class)),
                rs.getString("provisioner"), rs.getString("provisioner_type"), rs.getString("requester"),
                rs.getString("key_type"), StoredPem.read(rs),
                Timestamps.fromDb(rs.getObject("issued_at", OffsetDateTime.class)), rs.getString("profile"));
        return new InventoryEntry(c, Timestamps.fromDb(rs.getObject("revoked_at", OffsetDateTime.class)),
                rs.getString("revocation_reason"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
