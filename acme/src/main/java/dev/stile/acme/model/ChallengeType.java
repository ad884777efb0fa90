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
    TLS_ALPN_01("tls-alpn-01");

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
