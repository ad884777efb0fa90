package dev.stile.db.tokens;

import dev.stile.db.Database;
import dev.stile.provisioners.token.TokenStore;
import dev.stile.step.port.UsedTokenStore;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * {@link TokenStore} (and the step API's {@link UsedTokenStore} purge) on {@code used_tokens}: the primary key makes "use once" atomic across every
 * replica sharing the database; an insert that hits the key means the token was used before.
 */
public final class JdbcTokenStore implements UsedTokenStore {

    /** Expired tokens are deleted in batches of this size, so a purge never holds a long lock. */
    public static final int PURGE_BATCH = 1000;

    private final Database database;
    private final Clock clock;

    public JdbcTokenStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean useOnce(String tokenId, Instant expiresAt) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO used_tokens (token_id, expires_at, used_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, tokenId);
                ps.setObject(2, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
                ps.setObject(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int purgeBatch() {
        return PURGE_BATCH;
    }

    /**
     * Deletes up to one batch of tokens that expired before {@code before} (pass a time a few
     * minutes in the past: tokens are accepted with clock leeway).
     *
     * @return how many were deleted; call again while it returns {@link #PURGE_BATCH}
     */
    @Override
    public int purgeExpired(Instant before) {
        return database.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM used_tokens WHERE token_id IN ("
                    + "SELECT token_id FROM used_tokens WHERE expires_at < ? ORDER BY expires_at LIMIT " + PURGE_BATCH + ")")) {
                ps.setObject(1, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
                return ps.executeUpdate();
            }
        });
    }
}
