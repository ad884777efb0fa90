package dev.stile.db.certificates;

import dev.stile.authority.inventory.CertificateQuery;
import dev.stile.authority.inventory.CertificateRecord;
import dev.stile.authority.inventory.CertificateStore;
import dev.stile.db.Database;
import dev.stile.db.KeysetPages;
import dev.stile.db.StoreException;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link CertificateStore} on the {@code certificates} and {@code certificate_names} tables.
 *
 * <p>Listing is newest first by {@code (issued_at, serial)} with a keyset cursor, so a page costs the
 * same whether it is the first or the thousandth, and no query ever reads the whole table.
 */
public final class JdbcCertificateStore implements CertificateStore {

    private static final String COLUMNS = "serial, subject, sans, not_before, not_after, provisioner, "
            + "provisioner_type, requester, key_type, pem, issued_at, profile, der";

    private final Database database;

    public JdbcCertificateStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public void save(CertificateRecord c) {
        database.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO certificates (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, c.serial());
                ps.setString(2, nonNull(c.subject()));
                ps.setString(3, String.join("\n", c.sans()));
                ps.setObject(4, toDb(c.notBefore()));
                ps.setObject(5, toDb(c.notAfter()));
                ps.setString(6, nonNull(c.provisionerName()));
                ps.setString(7, nonNull(c.provisionerType()));
                ps.setString(8, nonNull(c.requester()));
                ps.setString(9, nonNull(c.keyType()));
                StoredPem.bind(ps, 10, 13, c.pem());
                ps.setObject(11, toDb(c.issuedAt() == null ? Instant.now() : c.issuedAt()));
                ps.setString(12, c.profile());
                ps.executeUpdate();
            }
            insertNames(conn, c);
            return null;
        });
    }

    private static void insertNames(Connection conn, CertificateRecord c) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO certificate_names (serial, name) VALUES (?, ?)")) {
            for (String name : namesOf(c)) {
                ps.setString(1, c.serial());
                ps.setString(2, name);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** SAN values without their type prefix, plus the subject CN, lower-cased and de-duplicated. */
    static Set<String> namesOf(CertificateRecord c) {
        Set<String> names = new LinkedHashSet<>();
        for (String san : c.sans()) {
            int colon = san.indexOf(':');
            names.add(normalise(colon >= 0 ? san.substring(colon + 1) : san));
        }
        SubjectNames.commonName(c.subject()).ifPresent(cn -> names.add(normalise(cn)));
        names.remove("");
        return names;
    }

    private static String normalise(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public Optional<CertificateRecord> findBySerial(String serialHex) {
        String serial = normaliseSerial(serialHex);
        return database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT " + COLUMNS + " FROM certificates WHERE serial = ?")) {
                ps.setString(1, serial);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Accepts upper case and leading zeros, as operators paste serials from openssl output. */
    private static String normaliseSerial(String serialHex) {
        String s = serialHex == null ? "" : serialHex.trim().toLowerCase(Locale.ROOT).replace(":", "");
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    @Override
    public Page<CertificateRecord> list(CertificateQuery query, PageRequest page) {
        CertificateQuery q = query == null ? CertificateQuery.all() : query;
        Optional<CertificateCursor> after = CertificateCursor.parse(page.cursor());
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM certificates c WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.name() != null && !q.name().isBlank()) {
            sql.append(" AND EXISTS (SELECT 1 FROM certificate_names n WHERE n.serial = c.serial AND n.name = ?)");
            params.add(normalise(q.name()));
        }
        if (q.provisioner() != null && !q.provisioner().isBlank()) {
            sql.append(" AND c.provisioner = ?");
            params.add(q.provisioner());
        }
        if (q.expiringBefore() != null) {
            sql.append(" AND c.not_after < ?");
            params.add(toDb(q.expiringBefore()));
        }
        if (after.isPresent()) {
            sql.append(" AND (c.issued_at < ? OR (c.issued_at = ? AND c.serial < ?))");
            OffsetDateTime at = toDb(after.get().issuedAt());
            params.add(at);
            params.add(at);
            params.add(after.get().serial());
        }
        sql.append(" ORDER BY c.issued_at DESC, c.serial DESC");
        return KeysetPages.fetch(database, sql.toString(), params, page.limit(), JdbcCertificateStore::read,
                last -> new CertificateCursor(last.issuedAt(), last.serial()).encode());
    }

    private static CertificateRecord read(ResultSet rs) throws SQLException {
        String sans = rs.getString("sans");
        return new CertificateRecord(
                rs.getString("serial"),
                rs.getString("subject"),
                sans.isEmpty() ? List.of() : Arrays.asList(sans.split("\n")),
                fromDb(rs.getObject("not_before", OffsetDateTime.class)),
                fromDb(rs.getObject("not_after", OffsetDateTime.class)),
                rs.getString("provisioner"),
                rs.getString("provisioner_type"),
                rs.getString("requester"),
                rs.getString("key_type"),
                StoredPem.read(rs),
                fromDb(rs.getObject("issued_at", OffsetDateTime.class)),
                rs.getString("profile"));
    }

    /** Both backends keep microseconds; truncating here keeps cursors exact on either. */
    private static OffsetDateTime toDb(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static Instant fromDb(OffsetDateTime value) {
        if (value == null) {
            throw new StoreException("certificates row has a NULL timestamp");
        }
        return value.toInstant();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
