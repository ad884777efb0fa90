package dev.stile.acme.validation;

import dev.stile.acme.model.Identifier;

import java.util.Objects;

/**
 * What a validator checks.
 *
 * @param identifier       the authorization's identifier; for a wildcard order this is the base
 *                         name without {@code *.} (RFC 8555 §7.1.3)
 * @param token            the challenge token
 * @param keyAuthorization {@code token + "." + base64url(JWK thumbprint)} (RFC 8555 §8.1)
 * @param accountUri       the account URL, for CAA {@code accounturi} checks (RFC 8657)
 */
public record ValidationTarget(Identifier identifier, String token, String keyAuthorization, String accountUri) {

    public ValidationTarget {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(keyAuthorization, "keyAuthorization");
    }
}
