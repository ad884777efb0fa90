package dev.stile.admin;

import java.time.Instant;
import java.util.Objects;

/**
 * An administrator of the admin API (step-ca's linkedca.Admin).
 *
 * @param id          opaque id
 * @param subject     matched against the admin certificate's CN, DNS or e-mail SANs
 * @param provisioner name of the provisioner that must have issued the admin certificate
 * @param type        what the admin may do
 * @param createdAt   when it was added
 */
public record AdminRecord(String id, String subject, String provisioner, Type type, Instant createdAt) {

    /** step-ca's enum; the numbers are those of linkedca.Admin_Type. */
    public enum Type {
        ADMIN(1), SUPER_ADMIN(2);

        private final int number;

        Type(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }

        /** Accepts {@code 1}/{@code 2} or the names, as the step CLI and protojson send them. */
        public static Type parse(String text) {
            for (Type t : values()) {
                if (t.name().equalsIgnoreCase(text) || String.valueOf(t.number).equals(text)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("admin type must be ADMIN (1) or SUPER_ADMIN (2), not \"" + text + "\"");
        }
    }

    public AdminRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(provisioner, "provisioner");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
