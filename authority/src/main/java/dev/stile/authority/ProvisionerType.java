package dev.stile.authority;

import java.util.Locale;

/**
 * Provisioner types as step-ca knows them, with the type code carried in the provisioner
 * extension of issued certificates (reference section 4.7).
 */
public enum ProvisionerType {
    JWK(1), OIDC(2), GCP(3), AWS(4), AZURE(5), ACME(6), X5C(7), K8SSA(8), SSHPOP(9), SCEP(10), NEBULA(11),
    /** A type Stile does not know; kept so GET /provisioners echoes it, never used to authorise. */
    UNKNOWN(0);

    private final int code;

    ProvisionerType(int code) {
        this.code = code;
    }

    /** The integer in the provisioner extension. */
    public int code() {
        return code;
    }

    /** Case-insensitive lookup as step-ca does; unknown strings give {@link #UNKNOWN}. */
    public static ProvisionerType parse(String type) {
        if (type == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** The type for an extension code, {@link #UNKNOWN} when none matches. */
    public static ProvisionerType ofCode(int code) {
        for (ProvisionerType t : values()) {
            if (t.code == code && t != UNKNOWN) {
                return t;
            }
        }
        return UNKNOWN;
    }
}
