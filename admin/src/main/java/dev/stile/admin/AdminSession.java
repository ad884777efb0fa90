package dev.stile.admin;

import java.time.Instant;

/**
 * One row of {@code admin_sessions}: a CLI or console session, or a one-time sign-in link.
 *
 * @param id        public id (listing, revoking, audit)
 * @param kind      {@code cli}, {@code console} or {@code link}
 * @param adminId   the admin record it acts as
 * @param subject   that admin's subject, for the audit log
 * @param csrfToken console sessions only, else null
 * @param usedAt    links: when redeemed, else null
 * @param revokedAt when logged out or revoked, else null
 */
public record AdminSession(String id, String kind, String adminId, String subject, String csrfToken,
                           Instant createdAt, Instant expiresAt, Instant usedAt, Instant revokedAt) {

    public static final String CLI = "cli";
    public static final String CONSOLE = "console";
    public static final String LINK = "link";
}
