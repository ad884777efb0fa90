package dev.stile.server.http.admin.session;

import dev.stile.admin.AdminRecord;
import dev.stile.admin.AdminSession;
import dev.stile.admin.AdminSessionStore;
import dev.stile.admin.AdminStore;
import dev.stile.server.ops.AuditLog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Admin sessions instead of one x5c token per request: a CLI session ({@code stile admin login}),
 * a one-time sign-in link ({@code stile admin console-url}, at most 5 minutes, single use) and the
 * browser session the link turns into. Secrets are 256 random bits; only their SHA-256 is stored.
 * A session dies when it expires, when it is revoked (logout) or when its admin is deleted.
 * Every creation, redemption and revocation is audit-logged with the admin's subject.
 */
public final class AdminSessions {

    public static final Duration LINK_TTL = Duration.ofMinutes(5);
    public static final Duration CONSOLE_TTL = Duration.ofHours(2);
    public static final Duration CLI_DEFAULT_TTL = Duration.ofHours(1);
    public static final Duration CLI_MAX_TTL = Duration.ofHours(12);
    /** Expired rows are kept this long (for "why was I logged out") and then purged. */
    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);
    private static final String PREFIX = "stile_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A secret handed out once, with its row. */
    public record Issued(String secret, AdminSession session) {
    }

    /** A live session and the admin it acts as. */
    public record Verified(AdminSession session, AdminRecord admin) {
    }

    private final AdminSessionStore sessions;
    private final AdminStore admins;
    private final AuditLog audit;
    private final Clock clock;

    public AdminSessions(AdminSessionStore sessions, AdminStore admins, AuditLog audit, Clock clock) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.admins = Objects.requireNonNull(admins, "admins");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** True when an Authorization value is one of our secrets rather than an x5c JWT. */
    public static boolean isSessionSecret(String credential) {
        return credential != null && credential.startsWith(PREFIX);
    }

    /** @throws IllegalArgumentException when the TTL is not positive or above {@link #CLI_MAX_TTL} */
    public Issued createCli(AdminRecord admin, Duration ttl, String via) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(CLI_MAX_TTL) > 0) {
            throw new IllegalArgumentException("session ttl must be between 1s and 12h");
        }
        return create(AdminSession.CLI, admin, ttl, null, via);
    }

    public Issued createLink(AdminRecord admin, String via) {
        return create(AdminSession.LINK, admin, LINK_TTL, null, via);
    }

    /**
     * Redeems a sign-in link and opens a console session for its admin. Empty when the link is
     * unknown, used, revoked or expired, or its admin was deleted meanwhile.
     */
    public Optional<Issued> redeemLink(String secret) {
        if (!isSessionSecret(secret)) {
            return Optional.empty();
        }
        Optional<AdminSession> link = sessions.redeemLink(hash(secret), clock.instant());
        if (link.isEmpty()) {
            audit.record("admin.login.refused", "via", "console-link", "reason", "unknown, used or expired link");
            return Optional.empty();
        }
        Optional<AdminRecord> admin = admins.find(link.get().adminId());
        if (admin.isEmpty()) {
            audit.record("admin.login.refused", "via", "console-link", "subject", link.get().subject(),
                    "reason", "admin deleted");
            return Optional.empty();
        }
        return Optional.of(create(AdminSession.CONSOLE, admin.get(), CONSOLE_TTL, token(), "console-link " + link.get().id()));
    }

    /** A console session straight from a checked password (the rate-limited form). */
    public Issued createConsole(AdminRecord admin, String via) {
        return create(AdminSession.CONSOLE, admin, CONSOLE_TTL, token(), via);
    }

    /** The live session of a secret, when its admin still exists. */
    public Optional<Verified> verify(String secret) {
        if (!isSessionSecret(secret)) {
            return Optional.empty();
        }
        return sessions.findLive(hash(secret), clock.instant())
                .flatMap(s -> admins.find(s.adminId()).map(a -> new Verified(s, a)));
    }

    public Optional<AdminSession> find(String id) {
        return sessions.find(id);
    }

    /** Live sessions and unused links. */
    public dev.stile.core.Page<AdminSession> listLive(dev.stile.core.PageRequest page) {
        return sessions.listLive(clock.instant(), page);
    }

    /** Logout or revocation; false when the session was already over. */
    public boolean revoke(String id, String by) {
        boolean revoked = sessions.revoke(id, clock.instant());
        if (revoked) {
            audit.record("admin.session.revoked", "by", by, "id", id);
        }
        return revoked;
    }

    private Issued create(String kind, AdminRecord admin, Duration ttl, String csrf, String via) {
        Instant now = clock.instant();
        sessions.purgeExpired(now.minus(KEEP_EXPIRED));
        String secret = PREFIX + kind + "_" + token();
        AdminSession s = new AdminSession(token().substring(0, 32), kind, admin.id(), admin.subject(), csrf, now,
                now.plus(ttl), null, null);
        sessions.insert(s, hash(secret));
        audit.record("admin.session.created", "by", admin.subject(), "id", s.id(), "kind", kind,
                "expires", s.expiresAt().toString(), "via", via);
        return new Issued(secret, s);
    }

    /** Equal-time comparison of a CSRF token sent by the browser with the session's. */
    public static boolean csrfMatches(AdminSession s, String sent) {
        return s.csrfToken() != null && sent != null && MessageDigest.isEqual(
                s.csrfToken().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
