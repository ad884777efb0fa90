package dev.stile.acme.port;

import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.problem.ProblemDocument;

/**
 * CAA check before issuance (RFC 8659, RFC 8657 {@code accounturi}/{@code validationmethods}).
 * Called only when CAA identities are configured. Same shape as the validation module's
 * {@code CaaVerifier}, so the composition root can pass {@code verifier::check}.
 */
@FunctionalInterface
public interface CaaChecker {

    /**
     * @param id         the identifier (wildcards with {@code *.})
     * @param accountUri the account URL
     * @param method     the challenge type that validated the identifier
     * @return {@code null} when issuance is allowed, else a {@code caa} (or {@code dns}) problem
     */
    ProblemDocument check(Identifier id, String accountUri, ChallengeType method);
}
