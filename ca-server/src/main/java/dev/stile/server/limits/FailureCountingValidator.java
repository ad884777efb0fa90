package dev.stile.server.limits;

import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.validation.ChallengeValidator;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;

/**
 * A validator that counts every failed attempt (definite or to be retried) against the account's
 * {@code failedValidationsPerAccountAndIdentifier} limit, which {@link AcmeRateLimits#challenge}
 * checks before another validation of that name starts.
 */
public final class FailureCountingValidator implements ChallengeValidator {

    private static final Logger LOG = LoggerFactory.getLogger(FailureCountingValidator.class);

    private final ChallengeValidator delegate;
    private final AcmeRateLimits limits;

    private FailureCountingValidator(ChallengeValidator delegate, AcmeRateLimits limits) {
        this.delegate = delegate;
        this.limits = limits;
    }

    public static Map<ChallengeType, ChallengeValidator> wrap(Map<ChallengeType, ChallengeValidator> validators,
                                                              AcmeRateLimits limits) {
        Map<ChallengeType, ChallengeValidator> out = new EnumMap<>(ChallengeType.class);
        validators.forEach((type, v) -> out.put(type, new FailureCountingValidator(v, limits)));
        return out;
    }

    @Override
    public ChallengeType type() {
        return delegate.type();
    }

    @Override
    public ValidationOutcome validate(ValidationTarget target) {
        ValidationOutcome outcome = delegate.validate(target);
        if (outcome.verdict() != ValidationOutcome.Verdict.VALID) {
            try {
                limits.validationFailed(target.accountUri(), target.identifier());
            } catch (RuntimeException e) {
                // The outcome must still be recorded; a missed count only makes the limit a little looser.
                LOG.warn("failed validation of {} could not be counted against its rate limit: {}",
                        target.identifier().value(), e.getMessage());
            }
        }
        return outcome;
    }
}
