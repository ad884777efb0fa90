package dev.stile.acme.model;

import java.util.Arrays;
import java.util.Optional;

/** The challenge types Stile validates. */
public enum ChallengeType {
    /** RFC 8555 §8.3. */
    HTTP_01("http-01"),
    /** RFC 8555 §8.4. */
    DNS_01("dns-01"),
    /** RFC 8737. */
    TLS_ALPN_01("tls-alpn-01"),
    /** draft-ietf-acme-dns-account-label-02: dns-01 at an account-scoped label; only where enabled. */
    DNS_ACCOUNT_01("dns-account-01"),
    /** draft-ietf-acme-dns-persist-02: a persistent TXT record naming CA and (hashed) account; only where enabled. */
    DNS_PERSIST_01("dns-persist-01");

    /** What a provisioner offers when its ca.json names no {@code challenges} (step-ca's three). */
    public static final java.util.Set<ChallengeType> CLASSIC = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.of(HTTP_01, DNS_01, TLS_ALPN_01));

    private final String token;

    ChallengeType(String token) {
        this.token = token;
    }

    /** The name used on the wire and in ca.json, e.g. {@code http-01}. */
    public String token() {
        return token;
    }

    public static Optional<ChallengeType> fromToken(String token) {
        return Arrays.stream(values()).filter(t -> t.token.equalsIgnoreCase(token)).findFirst();
    }
}
