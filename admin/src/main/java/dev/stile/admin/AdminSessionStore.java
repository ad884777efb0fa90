package dev.stile.admin;

import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.time.Instant;
import java.util.Optional;

/**
 * CLI sessions, console sessions and one-time sign-in links, found by the hash of their secret
 * (the secret itself is never stored).
 */
public interface AdminSessionStore {

    void insert(AdminSession session, String tokenHash);

    /** A session (not a link) with this secret hash that is neither revoked nor expired at {@code now}. */
    Optional<AdminSession> findLive(String tokenHash, Instant now);

    /**
     * Marks an unused, unexpired link used; returns it only to the one caller that did so.
     * A reused, expired, revoked or unknown link is empty.
     */
    Optional<AdminSession> redeemLink(String tokenHash, Instant now);

    /** Revokes a live session or unused link by id; false when it was already gone. */
    boolean revoke(String id, Instant now);

    Optional<AdminSession> find(String id);

    /** Live sessions and unused links, newest first. */
    Page<AdminSession> listLive(Instant now, PageRequest page);

    /** Deletes rows that expired before {@code cutoff}: the store holds only recent sessions. */
    int purgeExpired(Instant cutoff);
}
