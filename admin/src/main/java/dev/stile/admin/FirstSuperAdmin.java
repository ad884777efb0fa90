package dev.stile.admin;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The first super-admin of an admin-mode CA (step-ca-api.md 7.1), created only while the database
 * has no super-admin at all: by {@code stile init --remote-management}, or by {@code stile serve}
 * for a step-ca directory that comes without one. Whichever runs second adds nothing.
 */
public final class FirstSuperAdmin {

    /** step-ca's subject for the bootstrap admin. */
    public static final String DEFAULT_SUBJECT = "step";

    private FirstSuperAdmin() {
    }

    /** @return the admin created, or empty when a super-admin already existed */
    public static Optional<AdminRecord> create(AdminStore admins, String subject, String provisioner, Instant now) {
        if (admins.countSuperAdmins() > 0) {
            return Optional.empty();
        }
        AdminRecord admin = new AdminRecord(UUID.randomUUID().toString(), subject, provisioner,
                AdminRecord.Type.SUPER_ADMIN, now);
        return admins.insert(admin) ? Optional.of(admin) : Optional.empty();
    }
}
