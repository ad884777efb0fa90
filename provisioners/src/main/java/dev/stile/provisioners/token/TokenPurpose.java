package dev.stile.provisioners.token;

import java.util.List;

/** What a one-time token is for; decides the accepted audiences (reference section 3.2). */
public enum TokenPurpose {
    SIGN(List.of("/1.0/sign", "/sign", "/1.0/ssh/sign", "/ssh/sign"), true),
    RENEW(List.of("/1.0/renew", "/renew"), false),
    REVOKE(List.of("/1.0/revoke", "/revoke"), true);

    /** step-ca's legacy literal audience, still accepted for sign and revoke. */
    public static final String LEGACY_AUDIENCE = "step-certificate-authority";

    private final List<String> paths;
    private final boolean legacyAudience;

    TokenPurpose(List<String> paths, boolean legacyAudience) {
        this.paths = paths;
        this.legacyAudience = legacyAudience;
    }

    /** URL paths that make up the audiences, e.g. {@code /1.0/sign}. */
    public List<String> paths() {
        return paths;
    }

    /** Whether {@link #LEGACY_AUDIENCE} is accepted. */
    public boolean acceptsLegacyAudience() {
        return legacyAudience;
    }
}
