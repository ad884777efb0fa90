package dev.stile.db.acme;

import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Challenge;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.model.Status;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes one authorization with its challenges (tables acme_authorizations, acme_challenges). */
final class AuthorizationRows {

    private AuthorizationRows() {
    }

    static void insert(Connection c, Authorization a, Instant createdAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO acme_authorizations (id, account_id, identifier_type, "
                + "identifier_value, wildcard, status, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, a.id());
            ps.setString(2, a.accountId());
            ps.setString(3, a.identifier().type());
            ps.setString(4, a.identifier().value());
            ps.setBoolean(5, a.wildcard());
            ps.setString(6, a.status().token());
            Jdbc.setInstant(ps, 7, a.expires());
            Jdbc.setInstant(ps, 8, createdAt == null ? Instant.now() : createdAt);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO acme_challenges (id, authz_id, position, type, token, "
                + "status, validated_at, error, records, processing_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int pos = 0;
            for (Challenge ch : a.challenges()) {
                ps.setString(1, ch.id());
                ps.setString(2, a.id());
                ps.setInt(3, pos++);
                ps.setString(4, ch.type().token());
                ps.setString(5, ch.token());
                ps.setString(6, ch.status().token());
                Jdbc.setInstant(ps, 7, ch.validated());
                ps.setString(8, Jdbc.write(ch.error()));
                ps.setString(9, Jdbc.write(ch.validationRecords()));
                Jdbc.setInstant(ps, 10, ch.processingSince());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static Optional<Authorization> load(Connection c, String id) throws SQLException {
        Authorization base;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, account_id, identifier_type, identifier_value, wildcard, "
                + "status, expires_at FROM acme_authorizations WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                base = new Authorization(rs.getString("id"), rs.getString("account_id"),
                        new Identifier(rs.getString("identifier_type"), rs.getString("identifier_value")),
                        rs.getBoolean("wildcard"), Status.fromToken(rs.getString("status")),
                        Jdbc.instant(rs, "expires_at"), List.of());
            }
        }
        List<Challenge> challenges = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, type, token, status, validated_at, error, records, "
                + "processing_since FROM acme_challenges WHERE authz_id = ? ORDER BY position")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    challenges.add(new Challenge(rs.getString("id"), id,
                            ChallengeType.fromToken(rs.getString("type")).orElseThrow(),
                            rs.getString("token"), Status.fromToken(rs.getString("status")),
                            Jdbc.instant(rs, "validated_at"), Jdbc.problem(rs.getString("error")),
                            Jdbc.records(rs.getString("records")), Jdbc.instant(rs, "processing_since")));
                }
            }
        }
        return Optional.of(new Authorization(base.id(), base.accountId(), base.identifier(), base.wildcard(),
                base.status(), base.expires(), challenges));
    }
}
