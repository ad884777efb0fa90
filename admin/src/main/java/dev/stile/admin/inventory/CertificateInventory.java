package dev.stile.admin.inventory;

import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.time.Instant;
import java.util.Optional;

/** Every certificate this CA issued, with its revocation, as the admin API and console search it. */
public interface CertificateInventory {

    /** Newest first, filtered by {@code query}. */
    Page<InventoryEntry> list(InventoryQuery query, PageRequest page);

    /** The certificate with this serial, decimal or hex (see {@link SerialForms}). */
    Optional<InventoryEntry> find(String serial);

    /** Certificates neither revoked nor expired at {@code now}. */
    long countActive(Instant now);
}
