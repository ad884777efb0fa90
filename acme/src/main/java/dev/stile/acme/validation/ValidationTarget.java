package dev.stile.acme.validation;

import dev.stile.acme.model.Identifier;

import java.util.List;
import java.util.Objects;

/**
 * What a validator checks.
 *
 * @param identifier        the authorization's identifier; for a wildcard order this is the base
 *                          name without {@code *.} (RFC 8555 §7.1.3)
 * @param token             the challenge token
 * @param keyAuthorization  {@code token + "." + base64url(JWK thumbprint)} (RFC 8555 §8.1)
 * @param accountUri        the account URL, for CAA {@code accounturi} checks (RFC 8657)
 * @param wildcard          the authorization is for {@code *.identifier}
 * @param accountUris       every URL under which the client may know its account (one per CA DNS
 *                          name), {@code accountUri} first; dns-account-01 and dns-persist-01 accept any
 * @param issuerDomainNames the provisioner's issuer domain names (dns-persist-01), may be empty
 * @param provisioner       the ACME provisioner the account belongs to (its egress policy applies), or {@code null}
 */
public record ValidationTarget(Identifier identifier, String token, String keyAuthorization, String accountUri,
                               boolean wildcard, List<String> accountUris, List<String> issuerDomainNames,
                               String provisioner) {

    public ValidationTarget {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(keyAuthorization, "keyAuthorization");
        accountUris = accountUris == null || accountUris.isEmpty()
                ? (accountUri == null ? List.of() : List.of(accountUri)) : List.copyOf(accountUris);
        issuerDomainNames = issuerDomainNames == null ? List.of() : List.copyOf(issuerDomainNames);
    }

    /** A target outside any provisioner (tests, {@code stile doctor validate}): the global egress policy applies. */
    public ValidationTarget(Identifier identifier, String token, String keyAuthorization, String accountUri) {
        this(identifier, token, keyAuthorization, accountUri, false, null, null, null);
    }

    /** A target of {@code provisioner}'s egress policy. */
    public ValidationTarget(Identifier identifier, String token, String keyAuthorization, String accountUri,
                            String provisioner) {
        this(identifier, token, keyAuthorization, accountUri, false, null, null, provisioner);
    }

    /** A target outside any provisioner, with the draft challenges' account URLs and issuer names. */
    public ValidationTarget(Identifier identifier, String token, String keyAuthorization, String accountUri,
                            boolean wildcard, List<String> accountUris, List<String> issuerDomainNames) {
        this(identifier, token, keyAuthorization, accountUri, wildcard, accountUris, issuerDomainNames, null);
    }
}
