package dev.stile.admin.inventory;

import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.time.Instant;
import java.util.Collection;

/**
 * The renewal watchdog: for every name, its newest certificate, so that names nobody renewed in
 * time show up as gaps.
 */
public interface RenewalTracker {

    /**
     * Remembers a new certificate for each of its names, unless a certificate expiring later is
     * already known for that name (an old certificate re-imported must not hide a newer one).
     */
    void record(String serial, Collection<String> names, Instant notAfter, Instant issuedAt);

    /**
     * Names whose newest certificate expires before {@code deadline} (already expired ones
     * included), soonest first, one page at a time.
     */
    Page<RenewalGap> gaps(Instant deadline, PageRequest page);

    /** How many names are in a gap at {@code deadline}. */
    long countGaps(Instant deadline);
}
