package dev.stile.server.ops;

import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.validation.ChallengeValidator;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationTarget;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A validator whose attempts go to a {@link ValidationObserver}: for validators run outside the
 * ACME server's own event hook ({@code AcmeEvents}), e.g. {@code stile doctor} or tests.
 */
public final class ObservedChallengeValidator implements ChallengeValidator {

    private final ChallengeValidator delegate;
    private final ValidationObserver observer;

    public ObservedChallengeValidator(ChallengeValidator delegate, ValidationObserver observer) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Every validator of the map, observed. */
    public static Map<ChallengeType, ChallengeValidator> observeAll(Map<ChallengeType, ChallengeValidator> validators,
                                                                   ValidationObserver observer) {
        Map<ChallengeType, ChallengeValidator> out = new EnumMap<>(ChallengeType.class);
        validators.forEach((type, v) -> out.put(type, new ObservedChallengeValidator(v, observer)));
        return out;
    }

    @Override
    public ChallengeType type() {
        return delegate.type();
    }

    @Override
    public ValidationOutcome validate(ValidationTarget target) {
        long start = System.nanoTime();
        ValidationOutcome outcome = delegate.validate(target);
        observer.record(type(), target, outcome, Duration.ofNanos(System.nanoTime() - start));
        return outcome;
    }
}
