package dev.stile.step;

import dev.stile.authority.AuthorityException;
import dev.stile.provisioners.AuthorizationException;

import java.util.function.Supplier;

/**
 * The boundary of every step use case: the provisioners' and the authority's refusals become a
 * {@link StepException} with a kind, so callers handle one failure type. Anything else (a database
 * outage surfacing as a raw exception, a bug) passes through untouched.
 */
final class Failures {

    private Failures() {
    }

    static <T> T translated(Supplier<T> work) {
        try {
            return work.get();
        } catch (AuthorizationException e) {
            throw new StepException(kindOf(e), e.explicitMessage(), e.reason(), e);
        } catch (AuthorityException e) {
            // The cause chain is kept: the HTTP edge recognises a database outage by it.
            throw new StepException(kindOf(e.category()), e.getMessage(), e.getMessage(), e);
        }
    }

    static void translated(Runnable work) {
        translated(() -> {
            work.run();
            return null;
        });
    }

    private static StepErrorKind kindOf(AuthorizationException e) {
        switch (e.kind()) {
            case UNAUTHORIZED:
                return StepErrorKind.UNAUTHORIZED;
            case FORBIDDEN:
                return StepErrorKind.FORBIDDEN;
            default:
                return StepErrorKind.BAD_REQUEST;
        }
    }

    private static StepErrorKind kindOf(AuthorityException.Category c) {
        switch (c) {
            case FORBIDDEN:
                return StepErrorKind.FORBIDDEN;
            case INTERNAL:
                return StepErrorKind.INTERNAL;
            default:
                return StepErrorKind.BAD_REQUEST;
        }
    }
}
