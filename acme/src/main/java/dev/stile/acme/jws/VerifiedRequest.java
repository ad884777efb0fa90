package dev.stile.acme.jws;

import dev.stile.acme.model.Account;
import org.jose4j.jwk.PublicJsonWebKey;

import java.util.Optional;

/**
 * A request whose JWS passed every check of {@link JwsVerifier}.
 *
 * @param account    the account in {@code kid} mode; empty in {@code jwk} mode
 * @param jwk        the key that signed: the account key, or the {@code jwk} header's key
 * @param thumbprint base64url SHA-256 thumbprint of {@code jwk}
 * @param payload    the decoded payload; empty for POST-as-GET (RFC 8555 §6.3)
 * @param url        the verified request URL
 * @param kid        the {@code kid} header (the account URL) in kid mode, else {@code null}
 */
public record VerifiedRequest(Optional<Account> account, PublicJsonWebKey jwk, String thumbprint, byte[] payload,
                              String url, String kid) {

    /** True for POST-as-GET: an empty payload (not even {@code {}}). */
    public boolean isPostAsGet() {
        return payload.length == 0;
    }

    /** The account, for endpoints in {@link AuthMode#KID} mode where it is always present. */
    public Account requireAccount() {
        return account.orElseThrow(() -> new IllegalStateException("request was not signed with kid"));
    }
}
