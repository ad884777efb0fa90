package dev.stile.acme.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An authorization (RFC 8555 §7.1.4): the account's proof of control over one identifier.
 *
 * @param id         opaque random id
 * @param accountId  the owning account
 * @param identifier the identifier, for a wildcard order without the {@code *.} prefix
 * @param wildcard   true when it was created for a {@code *.} identifier
 * @param status     stored status: pending, valid, invalid, deactivated or revoked
 * @param expires    after this instant a pending or valid authorization counts as expired
 * @param challenges its challenges
 */
public record Authorization(
        String id, String accountId, Identifier identifier, boolean wildcard, Status status, Instant expires,
        List<Challenge> challenges) {

    public Authorization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expires, "expires");
        challenges = challenges == null ? List.of() : List.copyOf(challenges);
    }

    /** The status a client sees at {@code now}: pending/valid past {@code expires} become expired (§7.1.6). */
    public Status statusAt(Instant now) {
        if ((status == Status.PENDING || status == Status.VALID) && !now.isBefore(expires)) {
            return Status.EXPIRED;
        }
        return status;
    }

    /** This authorization as seen at {@code now}. */
    public Authorization at(Instant now) {
        Status s = statusAt(now);
        return s == status ? this : new Authorization(id, accountId, identifier, wildcard, s, expires, challenges);
    }

    public Optional<Challenge> challenge(String challengeId) {
        return challenges.stream().filter(c -> c.id().equals(challengeId)).findFirst();
    }

    /** The identifier as it appears in the order: with {@code *.} for wildcards. */
    public Identifier orderIdentifier() {
        return wildcard ? Identifier.dns("*." + identifier.value()) : identifier;
    }
}
