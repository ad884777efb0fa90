package dev.stile.server.acme;

import dev.stile.acme.port.AcmeEvents;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.validation.ChallengeValidator;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationTarget;

import java.util.EnumMap;
import java.util.Map;

/** A validator that tells {@link AcmeEvents} how each attempt ended (metrics, audit). */
final class ReportingValidator implements ChallengeValidator {

    private final ChallengeValidator delegate;
    private final AcmeEvents events;

    private ReportingValidator(ChallengeValidator delegate, AcmeEvents events) {
        this.delegate = delegate;
        this.events = events;
    }

    static Map<ChallengeType, ChallengeValidator> wrap(Map<ChallengeType, ChallengeValidator> validators,
                                                       AcmeEvents events) {
        Map<ChallengeType, ChallengeValidator> out = new EnumMap<>(ChallengeType.class);
        validators.forEach((type, v) -> out.put(type, new ReportingValidator(v, events)));
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
        events.validationAttempted(delegate.type(), target, outcome, java.time.Duration.ofNanos(System.nanoTime() - start));
        return outcome;
    }
}
