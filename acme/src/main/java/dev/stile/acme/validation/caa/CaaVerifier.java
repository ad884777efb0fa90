package dev.stile.acme.validation.caa;

import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.problem.ProblemDocument;

/**
 * Decides whether CAA records (RFC 8659, with RFC 8657 {@code accounturi} and
 * {@code validationmethods}) allow this CA to issue for an identifier. The ACME services call it
 * before issuance when {@code validation.caa.identities} is configured.
 */
public interface CaaVerifier {

    /**
     * @param id         the identifier as ordered (a wildcard keeps its {@code *.})
     * @param accountUri the ACME account URL, for {@code accounturi}
     * @param method     the challenge type that validated the identifier, for {@code validationmethods}
     * @return null when issuance is allowed, else a {@code caa} problem (or {@code dns} when the records
     *         could not be read, which RFC 8659 §3 treats as a refusal)
     */
    ProblemDocument check(Identifier id, String accountUri, ChallengeType method);
}
