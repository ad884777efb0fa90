package dev.stile.acme.service;

import dev.stile.acme.model.Authorization;
import dev.stile.acme.model.Challenge;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.model.Status;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.problem.AcmeProblem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * New pending authorizations with their challenges: wildcard → dns-01 only (RFC 8555 §7.1.3),
 * ip → http-01 and tls-alpn-01 (RFC 8738 §7), otherwise every enabled type; each challenge gets
 * its own fresh 128-bit token.
 */
final class AuthorizationFactory {

    private AuthorizationFactory() {
    }

    static Set<ChallengeType> challengeTypes(Identifier orderIdentifier, Set<ChallengeType> enabled) {
        Set<ChallengeType> offered;
        if (orderIdentifier.isWildcard()) {
            // RFC 8555 §7.1.3; both drafts validate wildcards through DNS too (dns-persist-01 only
            // with policy=wildcard in the record, checked when validating).
            offered = EnumSet.of(ChallengeType.DNS_01, ChallengeType.DNS_ACCOUNT_01, ChallengeType.DNS_PERSIST_01);
        } else if (Identifier.IP.equals(orderIdentifier.type())) {
            offered = EnumSet.of(ChallengeType.HTTP_01, ChallengeType.TLS_ALPN_01);
        } else {
            offered = EnumSet.allOf(ChallengeType.class);
        }
        offered.retainAll(enabled);
        return offered;
    }

    /** Throws rejectedIdentifier when the provisioner enables no challenge that fits the identifier. */
    static void requireChallenges(Identifier orderIdentifier, Set<ChallengeType> enabled) {
        if (challengeTypes(orderIdentifier, enabled).isEmpty()) {
            throw new AcmeException(AcmeProblem.REJECTED_IDENTIFIER, "no enabled challenge type can validate \""
                    + orderIdentifier.value() + "\"" + (orderIdentifier.isWildcard()
                    ? ": wildcards need dns-01, dns-account-01 or dns-persist-01" : Identifier.IP.equals(orderIdentifier.type())
                    ? ": IP addresses need http-01 or tls-alpn-01" : ""));
        }
    }

    static Authorization create(String accountId, Identifier orderIdentifier, Set<ChallengeType> enabled,
                                Instant expires) {
        String authzId = Ids.random();
        boolean wildcard = orderIdentifier.isWildcard();
        Identifier base = wildcard ? Identifier.dns(orderIdentifier.value().substring(2)) : orderIdentifier;
        List<Challenge> challenges = new ArrayList<>();
        for (ChallengeType type : challengeTypes(orderIdentifier, enabled)) {
            challenges.add(Challenge.pending(Ids.random(), authzId, type, Ids.random()));
        }
        return new Authorization(authzId, accountId, base, wildcard, Status.PENDING, expires, challenges);
    }
}
