package dev.stile.db.admin;

import dev.stile.admin.AdminSessionStore;
import dev.stile.admin.AdminSession;
import dev.stile.db.Timestamps;
import dev.stile.db.Database;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code admin_sessions} table. Callers hand in the hash of a secret, never the secret.
 * Redeeming a link and revoking are guarded UPDATEs whose row count says who won, so a link
 * works once even when two replicas see it at the same moment.
 */
public final class JdbcAdminSessions implements AdminSessionStore {

    private static final String COLUMNS = "id, kind, admin_id, subject, csrf_token, created_at, expires_at, used_at, "
            + "revoked_at";

    private final Database database;

    public JdbcAdminSessions(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    public void insert(AdminSession s, String tokenHash) {
        database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO admin_sessions (" + COLUMNS
                    + ", token_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, s.id());
                ps.setString(2, s.kind());
                ps.setString(3, s.adminId());
                ps.setString(4, s.subject());
                ps.setString(5, s.csrfToken());
                ps.setObject(6, Timestamps.toDb(s.createdAt()));
                ps.setObject(7, Timestamps.toDb(s.expiresAt()));
                ps.setObject(8, s.usedAt() == null ? null : Timestamps.toDb(s.usedAt()));
                ps.setObject(9, s.revokedAt() == null ? null : Timestamps.toDb(s.revokedAt()));
                ps.setString(10, tokenHash);
                return ps.executeUpdate();
            }
        });
    }

    /** A session (not a link) with this secret hash that is neither revoked nor expired at {@code now}. */
    public Optional<AdminSession> findLive(String tokenHash, Instant now) {
        return first("SELECT " + COLUMNS + " FROM admin_sessions WHERE token_hash = ? AND kind <> 'link' "
                + "AND revoked_at IS NULL AND expires_at > ?", tokenHash, now);
    }

    /**
     * Marks an unused, unexpired link used; returns it only to the one caller that did so.
     * A reused, expired, revoked or unknown link is empty.
     */
    public Optional<AdminSession> redeemLink(String tokenHash, Instant now) {
        return database.inTransaction(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("UPDATE admin_sessions SET used_at = ? WHERE token_hash = ? "
                    + "AND kind = 'link' AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?")) {
                ps.setObject(1, Timestamps.toDb(now));
                ps.setString(2, tokenHash);
                ps.setObject(3, Timestamps.toDb(now));
                if (ps.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS
                    + " FROM admin_sessions WHERE token_hash = ?")) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Revokes a live session or unused link by id; false when it was already gone. */
    public boolean revoke(String id, Instant now) {
        return database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(
                    "UPDATE admin_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL AND expires_at > ?")) {
                ps.setObject(1, Timestamps.toDb(now));
                ps.setString(2, id);
                ps.setObject(3, Timestamps.toDb(now));
                return ps.executeUpdate() == 1;
            }
        });
    }

    public Optional<AdminSession> find(String id) {
        return database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT " + COLUMNS + " FROM admin_sessions WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Live sessions and unused links, newest first (keyset on id is enough: ids are random, order by created_at, id). */
    public Page<AdminSession> listLive(Instant now, PageRequest page) {
        return database.withConnection(conn -> {
            String sql = "SELECT " + COLUMNS + " FROM admin_sessions WHERE revoked_at IS NULL AND expires_at > ? "
                    + "AND used_at IS NULL AND id > ? ORDER BY id LIMIT " + (page.limit() + 1);
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                ps.setObject(1, Timestamps.toDb(now));
                ps.setString(2, page.cursor());
                List<AdminSession> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(read(rs));
                    }
                }
                if (rows.size() <= page.limit()) {
                    return new Page<>(rows, "");
                }
                List<AdminSession> items = rows.subList(0, page.limit());
                return new Page<>(List.copyOf(items), items.get(items.size() - 1).id());
            }
        });
    }

    /** Deletes rows that expired before {@code cutoff}: the table holds only recent sessions. */
    public int purgeExpired(Instant cutoff) {
        return database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM admin_sessions WHERE expires_at < ?")) {
                ps.setObject(1, Timestamps.toDb(cutoff));
                return ps.executeUpdate();
            }
        });
    }

    private Optional<AdminSession> first(String sql, String hash, Instant now) {
        return database.withConnection(conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                ps.setString(1, hash);
                ps.setObject(2, Timestamps.toDb(now));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    private static AdminSession read(ResultSet rs) throws SQLException {
        return new AdminSession(rs.getString("id"), rs.getString("kind"), rs.getString("admin_id"),
                rs.getString("subject"), rs.getString("csrf_token"),
                Timestamps.fromDb(rs.getObject("created_at", OffsetDateTime.class)),
                Timestamps.fromDb(rs.getObject("expires_at", OffsetDateTime.class)),
                instant(rs, "used_at"), instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : Timestamps.fromDb(t);
    }
}
