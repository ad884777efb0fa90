package dev.stile.acme.validation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-local stand-in for the ACME runner: retries TRANSIENT outcomes with a fixed pause until
 * VALID, INVALID or the window closes, and remembers every attempt.
 */
public final class RetryLoop {

    /** Every outcome, in order; the last is the final one. */
    public final List<ValidationOutcome> attempts = new ArrayList<>();

    public ValidationOutcome run(ChallengeValidator validator, ValidationTarget target, Duration window, Duration pause)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(window);
        while (true) {
            ValidationOutcome o = validator.validate(target);
            attempts.add(o);
            if (o.verdict() != ValidationOutcome.Verdict.TRANSIENT || Instant.now().plus(pause).isAfter(deadline)) {
                return o;
            }
            Thread.sleep(pause.toMillis());
        }
    }
}
