package dev.stile.acme.validation;

import dev.stile.acme.model.ChallengeType;

/**
 * Checks one challenge once. Implementations make one attempt (which may itself follow redirects
 * or fall back from UDP to TCP) and classify the result; retrying a transient failure inside the
 * configured window is the job of whoever schedules validations, so no thread sleeps for minutes.
 */
public interface ChallengeValidator {

    ChallengeType type();

    ValidationOutcome validate(ValidationTarget target);
}
