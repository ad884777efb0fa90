package dev.stile.acme.model;

import org.jose4j.jwk.JsonWebKey;

/** Key authorizations (RFC 8555 §8.1) and account key thumbprints (RFC 7638). */
public final class KeyAuthorization {

    private KeyAuthorization() {
    }

    /** {@code token || '.' || base64url(SHA-256 JWK thumbprint of the account key)}. */
    public static String of(String token, JsonWebKey accountKey) {
        return token + "." + thumbprint(accountKey);
    }

    /** The same, from an already computed thumbprint. */
    public static String of(String token, String thumbprint) {
        return token + "." + thumbprint;
    }

    /** The base64url SHA-256 thumbprint over the key's required members (RFC 7638). */
    public static String thumbprint(JsonWebKey key) {
        return key.calculateBase64urlEncodedThumbprint("SHA-256");
    }
}
