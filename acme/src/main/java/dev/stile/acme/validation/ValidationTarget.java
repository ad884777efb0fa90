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
 * @param provisioner      the ACME provisioner the account belongs to (its egress policy applies), or {@code null}
 */
public record ValidationTarget(Identifier identifier, String token, String keyAuthorization, String accountUri,
        String provisioner) {

    /** A target outside any provisioner (tests, {@code stile doctor validate}): the global egress policy applies. */
    public ValidationTarget(Identifier identifier, String token, String keyAuthorization, String accountUri) {
        this(identifier, token, keyAuthorization, accountUri, null);
    }

    public ValidationTarget {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(keyAuthorization, "keyAuthorization");
    }
}
