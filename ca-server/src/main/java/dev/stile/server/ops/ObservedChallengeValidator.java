package dev.stile.server.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.validation.ChallengeValidator;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationTarget;
import dev.stile.db.ops.ValidationFailure;
import dev.stile.db.ops.ValidationFailureLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A validator that also counts and times each attempt by outcome class and records failures
 * (with their problem document) for {@code GET /admin/validation-failures}. Wrap the validators
 * before handing them to the ValidationRunner: {@link #observeAll}.
 */
public final class ObservedChallengeValidator implements ChallengeValidator {

    private static final Logger LOG = LoggerFactory.getLogger(ObservedChallengeValidator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChallengeValidator delegate;
    private final StileMetrics metrics;
    private final ValidationFailureLog failures;
    private final Clock clock;

    public ObservedChallengeValidator(ChallengeValidator delegate, StileMetrics metrics, ValidationFailureLog failures,
                                      Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Every validator of the map, observed. */
    public static Map<ChallengeType, ChallengeValidator> observeAll(Map<ChallengeType, ChallengeValidator> validators,
                                                                   StileMetrics metrics, ValidationFailureLog failures,
                                                                   Clock clock) {
        Map<ChallengeType, ChallengeValidator> out = new EnumMap<>(ChallengeType.class);
        validators.forEach((type, v) -> out.put(type, new ObservedChallengeValidator(v, metrics, failures, clock)));
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
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        boolean isFinal = outcome.verdict() != ValidationOutcome.Verdict.TRANSIENT;
        OutcomeClass outcomeClass = outcome.verdict() == ValidationOutcome.Verdict.VALID ? OutcomeClass.OK
                : OutcomeClass.of(outcome.problem());
        metrics.validation(type().token(), outcomeClass.label(), isFinal, took);
        if (outcomeClass != OutcomeClass.OK) {
            remember(target, outcomeClass, isFinal, outcome);
        }
        return outcome;
    }

    private void remember(ValidationTarget target, OutcomeClass outcomeClass, boolean isFinal,
                          ValidationOutcome outcome) {
        try {
            failures.append(new ValidationFailure(0, clock.instant(), type().token(), target.identifier().value(),
                    outcomeClass.label(), isFinal, problemJson(outcome)));
        } catch (RuntimeException e) {
            LOG.warn("could not record the failed {} validation of {}: {}", type().token(),
                    target.identifier().value(), e.getMessage());
        }
    }

    private static String problemJson(ValidationOutcome outcome) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (outcome.problem() != null) {
            p.put("type", outcome.problem().type());
            p.put("detail", outcome.problem().detail());
            p.put("status", outcome.problem().status());
        }
        try {
            return JSON.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }
}
