package dev.stile.server.acme;

import dev.stile.acme.port.AcmeEvents;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;

/** Shields issuance, revocation and validation from a listener that throws: the failure is logged, nothing else. */
final class SafeEvents implements AcmeEvents {

    private static final Logger LOG = LoggerFactory.getLogger(SafeEvents.class);

    private final AcmeEvents delegate;

    SafeEvents(AcmeEvents delegate) {
        this.delegate = delegate;
    }

    @Override
    public void jwsRejected(String errorType) {
        run("jwsRejected", () -> delegate.jwsRejected(errorType));
    }

    @Override
    public void rateLimited(String limit) {
        run("rateLimited", () -> delegate.rateLimited(limit));
    }

    @Override
    public void issued(String provisioner, String requester, X509Certificate leaf) {
        run("issued", () -> delegate.issued(provisioner, requester, leaf));
    }

    @Override
    public void delivered(String provisioner, String requester, X509Certificate leaf) {
        run("delivered", () -> delegate.delivered(provisioner, requester, leaf));
    }

    @Override
    public void issuanceFailed(String provisioner, String requester, String reason) {
        run("issuanceFailed", () -> delegate.issuanceFailed(provisioner, requester, reason));
    }

    @Override
    public void validationAttempted(ChallengeType type, ValidationTarget target, ValidationOutcome outcome) {
        run("validationAttempted", () -> delegate.validationAttempted(type, target, outcome));
    }

    @Override
    public void validationAttempted(ChallengeType type, ValidationTarget target, ValidationOutcome outcome,
                                    java.time.Duration took) {
        run("validationAttempted", () -> delegate.validationAttempted(type, target, outcome, took));
    }

    @Override
    public void revoked(String serialHex, int reasonCode, String requester) {
        run("revoked", () -> delegate.revoked(serialHex, reasonCode, requester));
    }

    private static void run(String what, Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.error("ACME event listener failed in {}; the ACME operation itself went on", what, e);
        }
    }
}
