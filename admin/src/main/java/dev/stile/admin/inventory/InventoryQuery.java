package dev.stile.admin.inventory;

import java.time.Instant;

/**
 * Filters of {@code GET /admin/certificates}; every field is optional ({@code null} = no filter).
 *
 * @param name           a name (SAN value or CN) on the certificate
 * @param serial         exact serial: decimal (as step prints it) or hex (any case, leading zeros,
 *                       colons or 0x allowed); see {@link SerialForms}
 * @param provisioner    provisioner name
 * @param status         active, expired or revoked, judged at {@code now}
 * @param expiringBefore only certificates whose notAfter is before this instant
 * @param now            the instant the status is judged at
 */
public record InventoryQuery(String name, String serial, String provisioner, Status status, Instant expiringBefore,
                             Instant now) {

    /** A certificate's state at a given instant. */
    public enum Status {
        ACTIVE, EXPIRED, REVOKED;

        public static Status parse(String text) {
            for (Status s : values()) {
                if (s.name().equalsIgnoreCase(text)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("status must be active, expired or revoked, not \"" + text + "\"");
        }
    }
}
