package dev.stile.server.limits;

import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.validation.ChallengeValidator;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A validator that counts a challenge whose validation fails (definitely, or in a way that will be
 * retried) against the account's {@code failedValidationsPerAccountAndIdentifier} limit, which
 * {@link AcmeRateLimits#challenge} checks before another validation of that name starts. A
 * challenge counts once however often it is retried: the tokens of the last
 * {@value #REMEMBERED} counted challenges are remembered in memory (a challenge taken over by
 * another replica may count twice).
 */
public final class FailureCountingValidator implements ChallengeValidator {

    private static final Logger LOG = LoggerFactory.getLogger(FailureCountingValidator.class);

    static final int REMEMBERED = 10_000;

    private final ChallengeValidator delegate;
    private final AcmeRateLimits limits;
    private final Set<String> countedTokens;

    private FailureCountingValidator(ChallengeValidator delegate, AcmeRateLimits limits, Set<String> countedTokens) {
        this.delegate = delegate;
        this.limits = limits;
        this.countedTokens = countedTokens;
    }

    public static Map<ChallengeType, ChallengeValidator> wrap(Map<ChallengeType, ChallengeValidator> validators,
                                                              AcmeRateLimits limits) {
        Set<String> counted = Collections.synchronizedSet(Collections.newSetFromMap(
                new LinkedHashMap<String, Boolean>(256, 0.75f) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                        return size() > REMEMBERED;
                    }
                }));
        Map<ChallengeType, ChallengeValidator> out = new EnumMap<>(ChallengeType.class);
        validators.forEach((type, v) -> out.put(type, new FailureCountingValidator(v, limits, counted)));
        return out;
    }

    @Override
    public ChallengeType type() {
        return delegate.type();
    }

    @Override
    public ValidationOutcome validate(ValidationTarget target) {
        ValidationOutcome outcome = delegate.validate(target);
        if (outcome.verdict() != ValidationOutcome.Verdict.VALID && countedTokens.add(target.token())) {
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
