package dev.stile.server.http.admin.console;

import dev.stile.admin.AdminRecord;
import dev.stile.admin.AdminStore;
import dev.stile.provisioners.JwkProvisioner;
import dev.stile.provisioners.Provisioner;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.provisioners.jwe.EncryptedKeys;
import dev.stile.server.ops.AuditLog;
import dev.stile.server.http.admin.session.AdminSessions;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The console's password form: the admin's subject, its JWK provisioner and that provisioner's
 * password, checked by decrypting the provisioner key as {@code step} does on the client. Guessing
 * is rate-limited: {@value #PER_ADDRESS} failures per client address and {@value #OVERALL} failures
 * overall per {@link #WINDOW} (then every attempt is refused until the window passes), and one
 * check at a time, since each costs a 600 000-round PBES2 derivation. Counters live in this
 * replica's memory and are bounded.
 */
public final class PasswordLogin {

    static final int PER_ADDRESS = 5;
    static final int OVERALL = 30;
    static final Duration WINDOW = Duration.ofMinutes(15);
    private static final int MAX_ADDRESSES = 10_000;

    /** A console session, or the HTTP status and one sentence saying why not. */
    public record Result(AdminSessions.Issued issued, int status, String message) {
    }

    private final Supplier<ProvisionerRegistry> provisioners;
    private final AdminStore admins;
    private final AdminSessions sessions;
    private final AuditLog audit;
    private final Clock clock;
    private final Semaphore oneAtATime = new Semaphore(1);
    private final Map<String, Deque<Instant>> failuresByAddress = new LinkedHashMap<>();
    private final Deque<Instant> failures = new ArrayDeque<>();

    public PasswordLogin(Supplier<ProvisionerRegistry> provisioners, AdminStore admins, AdminSessions sessions,
                         AuditLog audit, Clock clock) {
        this.provisioners = provisioners;
        this.admins = admins;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    public Result attempt(String address, String provisioner, String subject, String password) {
        if (blank(provisioner) || blank(subject) || password == null || password.isEmpty()) {
            return new Result(null, 400, "Give the admin subject, its provisioner and the provisioner's password.");
        }
        Optional<String> limited = limited(address);
        if (limited.isPresent()) {
            audit.record("admin.login.refused", "via", "password", "subject", subject, "address", address,
                    "reason", "rate limited");
            return new Result(null, 429, limited.get());
        }
        try {
            if (!oneAtATime.tryAcquire(10, TimeUnit.SECONDS)) {
                return new Result(null, 429, "Another sign-in is being checked; try again in a few seconds.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, 503, "The server is stopping.");
        }
        try {
            Optional<AdminRecord> admin = check(provisioner.trim(), subject.trim(), password.toCharArray());
            if (admin.isEmpty()) {
                fail(address);
                audit.record("admin.login.refused", "via", "password", "subject", subject, "provisioner", provisioner,
                        "address", address, "reason", "wrong password, provisioner or subject");
                return new Result(null, 401, "Wrong password, or no such admin for that provisioner.");
            }
            return new Result(sessions.createConsole(admin.get(), "password form from " + address), 200, "");
        } finally {
            oneAtATime.release();
        }
    }

    private Optional<AdminRecord> check(String provisioner, String subject, char[] password) {
        Optional<Provisioner> p = provisioners.get().byName(provisioner);
        if (p.isEmpty() || !(p.get() instanceof JwkProvisioner jwk) || jwk.encryptedKey().isEmpty()) {
            return Optional.empty();
        }
        try {
            EncryptedKeys.decrypt(jwk.encryptedKey().get(), password);
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
        return admins.findFor(provisioner, List.of(subject));
    }

    private synchronized Optional<String> limited(String address) {
        Instant now = clock.instant();
        prune(failures, now);
        if (failures.size() >= OVERALL) {
            return Optional.of("Too many failed sign-ins on this CA; password sign-in is paused for up to "
                    + WINDOW.toMinutes() + " minutes. Use stile admin console-url meanwhile.");
        }
        Deque<Instant> mine = failuresByAddress.get(address);
        if (mine != null) {
            prune(mine, now);
            if (mine.size() >= PER_ADDRESS) {
                return Optional.of("Too many failed sign-ins from " + address + "; try again in "
                        + WINDOW.toMinutes() + " minutes.");
            }
        }
        return Optional.empty();
    }

    private synchronized void fail(String address) {
        Instant now = clock.instant();
        failures.addLast(now);
        if (failuresByAddress.size() >= MAX_ADDRESSES && !failuresByAddress.containsKey(address)) {
            // Drop the oldest address: the overall limit still holds while an attacker rotates addresses.
            failuresByAddress.remove(failuresByAddress.keySet().iterator().next());
        }
        failuresByAddress.computeIfAbsent(address, a -> new ArrayDeque<>()).addLast(now);
    }

    private static void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(WINDOW))) {
            times.removeFirst();
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
