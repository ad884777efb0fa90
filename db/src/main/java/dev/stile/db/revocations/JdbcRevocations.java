package dev.stile.db.revocations;

import dev.stile.authority.inventory.Revocations;
import dev.stile.db.Database;
import dev.stile.db.StoreException;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Revocations} on the {@code certificates} table ({@code revoked_at},
 * {@code revocation_reason} = the decimal CRLReason code) and the one-row {@code crl_state}.
 */
public final class JdbcRevocations implements Revocations {

    private final Database database;

    public JdbcRevocations(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Outcome revoke(String serialHex, int reasonCode, Instant at) {
        return database.inTransaction(c -> {
            // Guarded update: only a not-yet-revoked row changes, so two concurrent revocations
            // cannot both succeed.
            try (PreparedStatement ps = c.prepareStatement("UPDATE certificates SET revoked_at = ?, "
                    + "revocation_reason = ? WHERE serial = ? AND revoked_at IS NULL")) {
                ps.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                ps.setString(2, Integer.toString(reasonCode));
                ps.setString(3, serialHex);
                if (ps.executeUpdate() == 1) {
                    return Outcome.REVOKED;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT revoked_at FROM certificates WHERE serial = ?")) {
                ps.setString(1, serialHex);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Outcome.ALREADY_REVOKED : Outcome.UNKNOWN_CERTIFICATE;
                }
            }
        });
    }

    @Override
    public Optional<Revoked> find(String serialHex) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT serial, revoked_at, revocation_reason, not_after "
                    + "FROM certificates WHERE serial = ? AND revoked_at IS NOT NULL")) {
                ps.setString(1, serialHex);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Page<Revoked> listRevoked(Instant expiringAfter, PageRequest page) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT serial, revoked_at, revocation_reason, not_after "
                    + "FROM certificates WHERE revoked_at IS NOT NULL AND not_after > ? AND serial > ? "
                    + "ORDER BY serial LIMIT ?")) {
                ps.setObject(1, OffsetDateTime.ofInstant(expiringAfter, ZoneOffset.UTC));
                ps.setString(2, page.cursor());
                ps.setInt(3, page.limit() + 1);
                List<Revoked> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                if (out.size() > page.limit()) {
                    out = out.subList(0, page.limit());
                    return new Page<>(out, out.get(out.size() - 1).serialHex());
                }
                return new Page<>(out, "");
            }
        });
    }

    @Override
    public long nextCrlNumber() {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE crl_state SET crl_number = crl_number + 1, updated_at = ? WHERE id = 1")) {
                ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                if (ps.executeUpdate() != 1) {
                    throw new StoreException("crl_state has no row; the V3 migration did not run");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT crl_number FROM crl_state WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static Revoked row(ResultSet rs) throws java.sql.SQLException {
        String reason = rs.getString(3);
        int code;
        try {
            code = reason == null ? 0 : Integer.parseInt(reason.trim());
        } catch (NumberFormatException e) {
            code = 0; // written by something else (free text): unspecified
        }
        return new Revoked(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(), code,
                rs.getObject(4, OffsetDateTime.class).toInstant());
    }
}
