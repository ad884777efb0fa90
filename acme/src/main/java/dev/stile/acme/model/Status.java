package dev.stile.acme.model;

import java.util.Locale;

/** The status values of ACME objects (RFC 8555 §7.1.6); each object type uses a subset. */
public enum Status {
    PENDING, READY, PROCESSING, VALID, INVALID, DEACTIVATED, EXPIRED, REVOKED;

    /** The lower-case name used on the wire and in the database, e.g. {@code pending}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status fromToken(String token) {
        return valueOf(token.toUpperCase(Locale.ROOT));
    }
}
