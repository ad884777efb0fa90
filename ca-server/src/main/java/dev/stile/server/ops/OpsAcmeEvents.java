package dev.stile.server.ops;

import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationTarget;
import dev.stile.acme.port.AcmeEvents;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;

/**
 * What operations take from the ACME server's events: validation metrics and the failure log,
 * and audit lines for ACME revocations and deliveries. Issuance metrics are observed at the
 * certificate store (every path), so {@link #issued} adds nothing here; the
 * {@code certificate.issued} audit line of an ACME certificate is written at {@link #delivered},
 * once its order is valid, so a finalize that lost the database never shows as issued.
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
    public void delivered(String provisioner, String requester, X509Certificate leaf) {
        audit.record("certificate.issued", "serial", dev.stile.authority.Serials.toHex(leaf.getSerialNumber()),
                "subject", leaf.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253),
                "sans", ObservedCertificateStore.sans(leaf), "provisioner", provisioner, "provisionerType", "ACME",
                "requester", requester, "keyType", dev.stile.authority.keys.PublicKeys.describe(leaf.getPublicKey()),
                "notBefore", String.valueOf(leaf.getNotBefore().toInstant()),
                "notAfter", String.valueOf(leaf.getNotAfter().toInstant()));
        next.delivered(provisioner, requester, leaf);
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
