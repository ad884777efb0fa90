package dev.stile.acme.model;

import dev.stile.acme.problem.ProblemDocument;
import dev.stile.acme.validation.ValidationRecord;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One challenge of an authorization (RFC 8555 §7.1.5, §8).
 *
 * @param id                opaque random id
 * @param authorizationId   the authorization it belongs to
 * @param type              http-01, dns-01 or tls-alpn-01
 * @param token             128 random bits, base64url (§8.1 requires at least 128 bits of entropy)
 * @param status            pending, processing, valid or invalid
 * @param validated         when it became valid, else {@code null}
 * @param error             why it is invalid (or the last transient failure while processing), else {@code null}
 * @param validationRecords every attempt's records, oldest first
 * @param processingSince   when the client triggered it; the retry window counts from here
 */
public record Challenge(
        String id, String authorizationId, ChallengeType type, String token, Status status, Instant validated,
        ProblemDocument error, List<ValidationRecord> validationRecords, Instant processingSince) {

    public Challenge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(status, "status");
        validationRecords = validationRecords == null ? List.of() : List.copyOf(validationRecords);
    }

    /** A new pending challenge. */
    public static Challenge pending(String id, String authorizationId, ChallengeType type, String token) {
        return new Challenge(id, authorizationId, type, token, Status.PENDING, null, null, List.of(), null);
    }
}
