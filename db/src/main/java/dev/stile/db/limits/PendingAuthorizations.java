package dev.stile.db.limits;

import dev.stile.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * How many unexpired pending authorizations an account holds: the cap that stops one account
 * from filling the database with orders it never completes. Counting stops at the cap, so the
 * query reads at most {@code cap} index entries however many rows an abusive account made.
 */
public final class PendingAuthorizations {

    private static final String SQL = "SELECT COUNT(*) FROM (SELECT 1 FROM acme_authorizations"
            + " WHERE account_id = ? AND status = 'pending' AND expires_at > ? LIMIT ?) capped";

    private final Database database;
    private final Clock clock;

    public PendingAuthorizations(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The account's pending authorizations, counted up to {@code cap}. */
    public long countUpTo(String accountId, long cap) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setString(1, accountId);
                ps.setObject(2, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                ps.setLong(3, cap);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
