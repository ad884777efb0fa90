package dev.stile.step;

/**
 * Why a step-ca request failed, in the terms of step-ca's error types rather than HTTP statuses:
 * the HTTP edge turns a kind into a status and step's JSON body in one place
 * ({@link dev.stile.step.wire.StepWire#error}).
 */
public enum StepErrorKind {
    /** The request is malformed or inconsistent; the client must change it. */
    BAD_REQUEST,
    /** The token or certificate does not authenticate the request. */
    UNAUTHORIZED,
    /** The request is authenticated but asks for more than it is allowed. */
    FORBIDDEN,
    /** The named thing (certificate, provisioner key, CRL) does not exist here. */
    NOT_FOUND,
    /** step-ca knows the request but this CA does not do it (e.g. non-passive revocation). */
    NOT_IMPLEMENTED,
    /** The CA itself failed; the client cannot fix it. */
    INTERNAL
}
