package dev.stile.server.ops;

import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationTarget;
import dev.stile.server.acme.AcmeEvents;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;

/**
 * What operations take from the ACME server's events: validation metrics and the failure log,
 * and an audit line for ACME revocations. Issuance is observed at the certificate store (every
 * path), so {@link #issued} adds nothing here.
 */
public final class OpsAcmeEvents implements AcmeEvents {

    private final ValidationObserver validations;
    private final AuditLog audit;
    private final AcmeEvents next;
    private final StileMetrics metrics;

    /**
     * @param next further listener (e.g. CRL regeneration), called after this one
     */
    public OpsAcmeEvents(ValidationObserver validations, AuditLog audit, AcmeEvents next) {
        this(validations, audit, null, next);
    }

    /**
     * @param metrics where JWS and nonce rejections are counted (null: not counted)
     */
    public OpsAcmeEvents(ValidationObserver validations, AuditLog audit, StileMetrics metrics, AcmeEvents next) {
        this.metrics = metrics;
        this.validations = Objects.requireNonNull(validations, "validations");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.next = next == null ? AcmeEvents.NONE : next;
    }

    @Override
    public void jwsRejected(String errorType) {
        if (metrics != null) {
            metrics.jwsRejected(errorType);
            if ("badNonce".equals(errorType)) {
                metrics.nonceRejected(errorType);
            }
        }
        next.jwsRejected(errorType);
    }

    @Override
    public void rateLimited(String limit) {
        if (metrics != null) {
            metrics.rateLimited(limit);
        }
        next.rateLimited(limit);
    }

    @Override
    public void issued(String provisioner, String requester, X509Certificate leaf) {
        next.issued(provisioner, requester, leaf);
    }

    @Override
    public void issuanceFailed(String provisioner, String requester, String reason) {
        audit.record("certificate.refused", "provisioner", provisioner, "requester", requester, "reason", reason,
                "via", "acme");
        next.issuanceFailed(provisioner, requester, reason);
    }

    @Override
    public void validationAttempted(ChallengeType type, ValidationTarget target, ValidationOutcome outcome,
                                    Duration took) {
        validations.record(type, target, outcome, took);
        next.validationAttempted(type, target, outcome, took);
    }

    @Override
    public void revoked(String serialHex, int reasonCode, String requester) {
        audit.record("certificate.revoked", "by", requester, "serial", serialHex, "reason", String.valueOf(reasonCode),
                "via", "acme");
        next.revoked(serialHex, reasonCode, requester);
    }
}
