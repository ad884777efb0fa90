package dev.stile.db.inventory;

import dev.stile.admin.inventory.DashboardQueries;
import dev.stile.db.Timestamps;
import dev.stile.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The numbers on the admin console's dashboard, each one indexed query: certificates expiring in a
 * window, issuance per hour, validation failures grouped by cause, and the ACME order and account
 * behind a certificate.
 */
public final class JdbcDashboardQueries implements DashboardQueries {

    private final Database database;

    public JdbcDashboardQueries(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** Unrevoked certificates whose notAfter lies in (now, until]. */
    public long countExpiring(Instant now, Instant until) {
        return database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT COUNT(*) FROM certificates "
                    + "WHERE not_after > ? AND not_after <= ? AND revoked_at IS NULL")) {
                ps.setObject(1, Timestamps.toDb(now));
                ps.setObject(2, Timestamps.toDb(until));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Certificates issued per hour over the last {@code hours} hours ending at {@code now}; index 0
     * is the oldest hour. Rows are streamed (only {@code issued_at} is read), so memory is one array.
     */
    public long[] issuedPerHour(Instant now, int hours) {
        Instant from = now.minus(Duration.ofHours(hours));
        long[] buckets = new long[hours];
        database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT issued_at FROM certificates WHERE issued_at > ? "
                    + "AND issued_at <= ?")) {
                ps.setFetchSize(1000);
                ps.setObject(1, Timestamps.toDb(from));
                ps.setObject(2, Timestamps.toDb(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant at = Timestamps.fromDb(rs.getObject(1, OffsetDateTime.class));
                        int i = (int) (Duration.between(from, at).toSeconds() / 3600);
                        buckets[Math.min(Math.max(i, 0), hours - 1)]++;
                    }
                }
            }
            return null;
        });
        return buckets;
    }

    /** Failures since {@code since}, grouped by outcome class and challenge type, largest first. */
    public List<FailureGroup> failuresByCause(Instant since) {
        return database.withConnection(conn -> {
            List<FailureGroup> groups = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT f.outcome, f.challenge_type, g.n, f.failed_at, "
                    + "f.identifier, f.problem FROM (SELECT outcome, challenge_type, COUNT(*) AS n, MAX(id) AS newest "
                    + "FROM validation_failures WHERE failed_at >= ? GROUP BY outcome, challenge_type) g "
                    + "JOIN validation_failures f ON f.id = g.newest ORDER BY g.n DESC, f.id DESC LIMIT 50")) {
                ps.setObject(1, Timestamps.toDb(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        groups.add(new FailureGroup(rs.getString(1), rs.getString(2), rs.getLong(3),
                                Timestamps.fromDb(rs.getObject(4, OffsetDateTime.class)), rs.getString(5), rs.getString(6)));
                    }
                }
            }
            return groups;
        });
    }

    /** The ACME account and order that produced the certificate with this (hex) serial, if any. */
    public Optional<AcmeOrigin> acmeOrigin(String serialHex) {
        return database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT c.account_id, o.id, c.ari_cert_id "
                    + "FROM acme_certificates c LEFT JOIN acme_orders o ON o.certificate_id = c.id WHERE c.serial = ?")) {
                ps.setString(1, serialHex);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new AcmeOrigin(rs.getString(1), rs.getString(2), rs.getString(3)))
                            : Optional.<AcmeOrigin>empty();
                }
            }
        });
    }
}
