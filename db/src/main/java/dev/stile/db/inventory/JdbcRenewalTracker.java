package dev.stile.db.inventory;

import dev.stile.admin.inventory.RenewalTracker;
import dev.stile.admin.inventory.RenewalGap;
import dev.stile.db.Timestamps;
import dev.stile.db.Database;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The renewal watchdog's table {@code latest_certificates}: for every name, its newest
 * certificate. Updated at issuance ({@link #record}); the gap report is a range scan on the
 * {@code not_after} index, so it costs the same with ten or ten million certificates.
 */
public final class JdbcRenewalTracker implements RenewalTracker {

    private final Database database;

    public JdbcRenewalTracker(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * Remembers a new certificate for each of its names, unless a certificate expiring later is
     * already known for that name (an old certificate re-imported must not hide a newer one).
     */
    public void record(String serial, Collection<String> names, Instant notAfter, Instant issuedAt) {
        database.inTransaction(conn -> {
            for (String name : names) {
                upsert(conn, name, serial, notAfter, issuedAt);
            }
            return null;
        });
    }

    private static void upsert(Connection conn, String name, String serial, Instant notAfter, Instant issuedAt)
            throws SQLException {
        if (update(conn, name, serial, notAfter, issuedAt) > 0) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO latest_certificates (name, serial, not_after, "
                + "issued_at) SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM latest_certificates WHERE name = ?)")) {
            ps.setString(1, name);
            ps.setString(2, serial);
            ps.setObject(3, Timestamps.toDb(notAfter));
            ps.setObject(4, Timestamps.toDb(issuedAt));
            ps.setString(5, name);
            ps.executeUpdate();
        }
    }

    private static int update(Connection conn, String name, String serial, Instant notAfter, Instant issuedAt)
            throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("UPDATE latest_certificates SET serial = ?, not_after = ?, "
                + "issued_at = ? WHERE name = ? AND not_after <= ?")) {
            ps.setString(1, serial);
            ps.setObject(2, Timestamps.toDb(notAfter));
            ps.setObject(3, Timestamps.toDb(issuedAt));
            ps.setString(4, name);
            ps.setObject(5, Timestamps.toDb(notAfter));
            return ps.executeUpdate();
        }
    }

    /**
     * Names whose newest certificate expires before {@code deadline} (already expired ones
     * included), soonest first, one page at a time.
     */
    public Page<RenewalGap> gaps(Instant deadline, PageRequest page) {
        GapCursor after = GapCursor.parse(page.cursor());
        StringBuilder sql = new StringBuilder(
                "SELECT name, serial, not_after, issued_at FROM latest_certificates WHERE not_after < ?");
        if (after != null) {
            sql.append(" AND (not_after > ? OR (not_after = ? AND name > ?))");
        }
        sql.append(" ORDER BY not_after, name LIMIT ").append(page.limit() + 1);
        List<RenewalGap> rows = database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
                ps.setObject(1, Timestamps.toDb(deadline));
                if (after != null) {
                    ps.setObject(2, Timestamps.toDb(after.notAfter()));
                    ps.setObject(3, Timestamps.toDb(after.notAfter()));
                    ps.setString(4, after.name());
                }
                List<RenewalGap> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RenewalGap(rs.getString(1), rs.getString(2),
                                Timestamps.fromDb(rs.getObject(3, OffsetDateTime.class)),
                                Timestamps.fromDb(rs.getObject(4, OffsetDateTime.class))));
                    }
                }
                return out;
            }
        });
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, "");
        }
        List<RenewalGap> items = rows.subList(0, page.limit());
        RenewalGap last = items.get(items.size() - 1);
        return new Page<>(items, new GapCursor(last.notAfter(), last.name()).encode());
    }

    /** How many names are in a gap at {@code deadline}; an index range count. */
    public long countGaps(Instant deadline) {
        return database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT COUNT(*) FROM latest_certificates WHERE not_after < ?")) {
                ps.setObject(1, Timestamps.toDb(deadline));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Keyset position in the gap report: the last row's (not_after, name). */
    private record GapCursor(Instant notAfter, String name) {

        String encode() {
            String raw = (notAfter.getEpochSecond() * 1_000_000L + notAfter.getNano() / 1_000) + ":" + name;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static GapCursor parse(String text) {
            if (text == null || text.isEmpty()) {
                return null;
            }
            try {
                String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int colon = raw.indexOf(':');
                long micros = Long.parseLong(raw.substring(0, colon));
                return new GapCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1_000L), raw.substring(colon + 1));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor \"" + text
                        + "\" is not valid; use the nextCursor of the previous page", e);
            }
        }
    }
}
