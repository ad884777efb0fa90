package dev.stile.admin.inventory;

import dev.stile.authority.inventory.CertificateRecord;

import java.time.Instant;

/**
 * A certificate of the inventory with its revocation state.
 *
 * @param certificate      the stored certificate
 * @param revokedAt        when it was revoked, or null
 * @param revocationReason the reason given, or null
 */
public record InventoryEntry(CertificateRecord certificate, Instant revokedAt, String revocationReason) {
}
