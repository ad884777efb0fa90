package dev.stile.step.port;

import dev.stile.provisioners.token.TokenStore;

import java.time.Instant;

/**
 * The one-time-token store of the step API: "use once" (from {@link TokenStore}) across every
 * replica, plus the purge that keeps it from growing without bound. Implemented in db.
 */
public interface UsedTokenStore extends TokenStore {

    /**
     * Deletes up to {@link #purgeBatch()} tokens that expired before {@code before}, so a purge
     * never holds a long lock.
     *
     * @return how many were deleted; fewer than {@link #purgeBatch()} means none are left
     */
    int purgeExpired(Instant before);

    /** The most one {@link #purgeExpired} call deletes. */
    int purgeBatch();
}
