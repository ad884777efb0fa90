package dev.stile.acme.validation;

import dev.stile.acme.problem.ProblemDocument;

import java.util.List;
import java.util.Objects;

/**
 * The result of one validation attempt.
 *
 * @param verdict whether the challenge passed, failed for good, or failed in a way worth retrying
 * @param problem why it failed (type and one-sentence detail), {@code null} when valid
 * @param records what was done: hosts, addresses, resolvers, URLs (RFC 8555 §8.3 "validationRecord")
 * @param validUntil when valid, the latest instant the authorization may stay valid because of what
 *                   was validated (a dns-persist-01 record's persistUntil), or {@code null}
 */
public record ValidationOutcome(Verdict verdict, ProblemDocument problem, List<ValidationRecord> records,
                                java.time.Instant validUntil) {

    /** How a validation attempt ended. */
    public enum Verdict {
        /** The challenge is fulfilled. */
        VALID,
        /** A definite failure, such as a wrong key authorization: retrying will not help. */
        INVALID,
        /** A transient failure (DNS timeout or SERVFAIL, refused connection, HTTP 5xx): retry later. */
        TRANSIENT
    }

    public ValidationOutcome(Verdict verdict, ProblemDocument problem, List<ValidationRecord> records) {
        this(verdict, problem, records, null);
    }

    public ValidationOutcome {
        Objects.requireNonNull(verdict, "verdict");
        records = List.copyOf(records);
        if (verdict != Verdict.VALID) {
            Objects.requireNonNull(problem, "a failed validation must say why");
        }
    }

    public static ValidationOutcome valid(List<ValidationRecord> records) {
        return new ValidationOutcome(Verdict.VALID, null, records);
    }

    /** Valid, but the authorization must expire no later than {@code validUntil} (may be {@code null}). */
    public static ValidationOutcome valid(List<ValidationRecord> records, java.time.Instant validUntil) {
        return new ValidationOutcome(Verdict.VALID, null, records, validUntil);
    }

    public static ValidationOutcome invalid(ProblemDocument problem, List<ValidationRecord> records) {
        return new ValidationOutcome(Verdict.INVALID, problem, records);
    }

    public static ValidationOutcome transientFailure(ProblemDocument problem, List<ValidationRecord> records) {
        return new ValidationOutcome(Verdict.TRANSIENT, problem, records);
    }
}
