package dev.stile.server.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationTarget;
import dev.stile.admin.inventory.ValidationFailure;
import dev.stile.admin.inventory.ValidationFailureLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Records one validation attempt: counted and timed by outcome class, and kept with its problem
 * document for {@code GET /admin/validation-failures} when it failed.
 */
public final class ValidationObserver {

    private static final Logger LOG = LoggerFactory.getLogger(ValidationObserver.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StileMetrics metrics;
    private final ValidationFailureLog failures;
    private final Clock clock;

    public ValidationObserver(StileMetrics metrics, ValidationFailureLog failures, Clock clock) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void record(ChallengeType type, ValidationTarget target, ValidationOutcome outcome, Duration took) {
        boolean isFinal = outcome.verdict() != ValidationOutcome.Verdict.TRANSIENT;
        OutcomeClass outcomeClass = outcome.verdict() == ValidationOutcome.Verdict.VALID ? OutcomeClass.OK
                : OutcomeClass.of(outcome.problem());
        metrics.validation(type.token(), outcomeClass.label(), isFinal, took);
        if (outcomeClass == OutcomeClass.OK) {
            return;
        }
        try {
            failures.append(new ValidationFailure(0, clock.instant(), type.token(), target.identifier().value(),
                    outcomeClass.label(), isFinal, problemJson(outcome)));
        } catch (RuntimeException e) {
            LOG.warn("could not record the failed {} validation of {}: {}", type.token(),
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
