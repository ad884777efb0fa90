package dev.stile.provisioners.token;

import java.time.Instant;

/**
 * Used one-time tokens, shared by every replica (implemented by {@code JdbcTokenStore} in db).
 * A token ID is consumed only after the token's signature and claims have been verified, so an
 * attacker cannot burn someone else's token ID with a forged token.
 */
public interface TokenStore {

    /**
     * Records a token ID as used.
     *
     * @param tokenId   the token's replay key ({@code jti}, OIDC {@code nonce}, or SHA-256 of the token)
     * @param expiresAt when the token stops being valid; the record may be purged after that
     * @return {@code true} the first time, {@code false} when the ID was already used
     */
    boolean useOnce(String tokenId, Instant expiresAt);
}
