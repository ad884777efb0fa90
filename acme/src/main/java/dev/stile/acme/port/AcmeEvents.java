package dev.stile.acme.port;

import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.validation.ValidationOutcome;
import dev.stile.acme.validation.ValidationTarget;

import java.security.cert.X509Certificate;

/**
 * What happened in the ACME server, for metrics, audit logs and CRL regeneration. Every method has
 * an empty default so a listener implements only what it needs; listeners must be fast and must
 * not throw (exceptions are logged and ignored).
 */
public interface AcmeEvents {

    /** No listener. */
    AcmeEvents NONE = new AcmeEvents() {
    };

    /** A certificate was issued for an ACME order. */
    default void issued(String provisioner, String requester, X509Certificate leaf) {
    }

    /**
     * The certificate of an ACME order reached its client's order: stored, and the order valid.
     * Only now is it issued as far as the audit trail is concerned.
     */
    default void delivered(String provisioner, String requester, X509Certificate leaf) {
    }

    /** Issuance for an ACME order was refused or failed. */
    default void issuanceFailed(String provisioner, String requester, String reason) {
    }

    /**
     * One validation attempt ended (transient failures are retried, so a challenge may report
     * several attempts before its final VALID or INVALID outcome).
     */
    default void validationAttempted(ChallengeType type, ValidationTarget target, ValidationOutcome outcome) {
    }

    /**
     * The same, with how long the attempt took (the validation latency histogram). Defaults to
     * the method without the duration, so listeners implement whichever they need.
     */
    default void validationAttempted(ChallengeType type, ValidationTarget target, ValidationOutcome outcome,
                                     java.time.Duration took) {
        validationAttempted(type, target, outcome);
    }

    /**
     * A certificate was marked revoked in the inventory. The CRL helper regenerates the CRL here.
     *
     * @param serialHex  the serial, lower-case hex
     * @param reasonCode the RFC 5280 reason code
     */
    default void revoked(String serialHex, int reasonCode, String requester) {
    }

    /**
     * An ACME request was refused by the JWS verifier (RFC 8555 §6.2-6.5): bad or reused nonce,
     * malformed JWS, unsupported algorithm, unknown or unauthorized key, wrong URL.
     *
     * @param errorType the ACME error code without its namespace, e.g. {@code badNonce}
     */
    default void jwsRejected(String errorType) {
    }

    /**
     * A request was refused by a rate limit or cap (docs/acme.md, "Rate limits").
     *
     * @param limit the limit's ca.json key, e.g. {@code newOrdersPerAccount}
     */
    default void rateLimited(String limit) {
    }
}
