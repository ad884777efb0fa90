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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** One authorization with its challenges, in one query. */
    static Optional<Authorization> load(Connection c, String id) throws SQLException {
        List<Authorization> found = loadAll(c, List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * The authorizations with these ids that exist, in the order of {@code ids}, each with its
     * challenges: one query (an order poll used to cost two per authorization).
     */
    static List<Authorization> loadAll(Connection c, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        String placeholders = "?" + ", ?".repeat(ids.size() - 1);
        Map<String, Authorization> byId = new HashMap<>();
        Map<String, List<Challenge>> challenges = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.account_id, a.identifier_type, "
                + "a.identifier_value, a.wildcard, a.status, a.expires_at, ch.id AS ch_id, ch.type AS ch_type, "
                + "ch.token AS ch_token, ch.status AS ch_status, ch.validated_at AS ch_validated_at, "
                + "ch.error AS ch_error, ch.records AS ch_records, ch.processing_since AS ch_processing_since "
                + "FROM acme_authorizations a LEFT JOIN acme_challenges ch ON ch.authz_id = a.id "
                + "WHERE a.id IN (" + placeholders + ") ORDER BY a.id, ch.position")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("id");
                    if (!byId.containsKey(id)) {
                        byId.put(id, new Authorization(id, rs.getString("account_id"),
                                new Identifier(rs.getString("identifier_type"), rs.getString("identifier_value")),
                                rs.getBoolean("wildcard"), Status.fromToken(rs.getString("status")),
                                Jdbc.instant(rs, "expires_at"), List.of()));
                        challenges.put(id, new ArrayList<>());
                    }
                    String challengeId = rs.getString("ch_id");
                    if (challengeId != null) {
                        challenges.get(id).add(new Challenge(challengeId, id,
                                ChallengeType.fromToken(rs.getString("ch_type")).orElseThrow(),
                                rs.getString("ch_token"), Status.fromToken(rs.getString("ch_status")),
                                Jdbc.instant(rs, "ch_validated_at"), Jdbc.problem(rs.getString("ch_error")),
                                Jdbc.records(rs.getString("ch_records")), Jdbc.instant(rs, "ch_processing_since")));
                    }
                }
            }
        }
        List<Authorization> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            Authorization base = byId.get(id);
            if (base != null) {
                out.add(new Authorization(base.id(), base.accountId(), base.identifier(), base.wildcard(),
                        base.status(), base.expires(), challenges.get(id)));
            }
        }
        return out;
    }
}
