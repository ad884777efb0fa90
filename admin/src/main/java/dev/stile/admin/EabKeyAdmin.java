package dev.stile.admin;

import dev.stile.core.Page;
import dev.stile.core.PageRequest;

import java.time.Instant;

/**
 * Operator side of ACME External Account Binding keys (RFC 8555 §7.3.4): mint, list per
 * provisioner, delete. The ACME side reads the same keys through its own EAB store port.
 */
public interface EabKeyAdmin {

    /**
     * A key as the admin API shows it.
     *
     * @param keyId          the {@code kid} clients send
     * @param provisioner    ACME provisioner name
     * @param reference      operator's reference, may be empty
     * @param hmacKey        the MAC key (only shown when minted)
     * @param boundAccountId the account it is bound to, or null
     * @param createdAt      creation time
     * @param boundAt        when it was bound, or null
     */
    record Row(String keyId, String provisioner, String reference, byte[] hmacKey, String boundAccountId,
               Instant createdAt, Instant boundAt) {
    }

    /** Mints a key with a 256-bit HMAC secret (RFC 8555 §7.3.4 uses HS256). */
    Row create(String provisioner, String reference, Instant now);

    /** Keys of a provisioner (optionally only those with this reference), ordered by key id. */
    Page<Row> list(String provisioner, String reference, PageRequest page);

    /** Deletes a key of this provisioner; false when there is none. */
    boolean delete(String provisioner, String keyId);
}
