package dev.stile.acme.problem;

/**
 * The ACME error types (RFC 8555 §6.7 and the IANA "ACME Error Types" registry), each with the HTTP
 * status Stile answers with. One table, so the URN, the status and the title cannot drift apart.
 */
public enum AcmeProblem {
    ACCOUNT_DOES_NOT_EXIST("accountDoesNotExist", 400, "The request specified an account that does not exist"),
    ALREADY_REPLACED("alreadyReplaced", 409, "The request specified a predecessor certificate which has already been marked as replaced"),
    ALREADY_REVOKED("alreadyRevoked", 400, "The request specified a certificate to be revoked that has already been revoked"),
    BAD_CSR("badCSR", 400, "The CSR is unacceptable"),
    BAD_NONCE("badNonce", 400, "The client sent an unacceptable anti-replay nonce"),
    BAD_PUBLIC_KEY("badPublicKey", 400, "The JWS was signed by a public key the server does not support"),
    BAD_REVOCATION_REASON("badRevocationReason", 400, "The revocation reason provided is not allowed by the server"),
    BAD_SIGNATURE_ALGORITHM("badSignatureAlgorithm", 400, "The JWS was signed with an algorithm the server does not support"),
    CAA("caa", 403, "Certification Authority Authorization (CAA) records forbid the CA from issuing a certificate"),
    COMPOUND("compound", 400, "Specific error conditions are indicated in the subproblems array"),
    CONNECTION("connection", 400, "The server could not connect to validation target"),
    DNS("dns", 400, "There was a problem with a DNS query during identifier validation"),
    EXTERNAL_ACCOUNT_REQUIRED("externalAccountRequired", 400, "The request must include a value for the externalAccountBinding field"),
    INCORRECT_RESPONSE("incorrectResponse", 400, "Response received didn't match the challenge's requirements"),
    INVALID_CONTACT("invalidContact", 400, "A contact URL for an account was invalid"),
    INVALID_PROFILE("invalidProfile", 400, "The requested profile is not offered by this server"),
    MALFORMED("malformed", 400, "The request message was malformed"),
    NOT_FOUND("malformed", 404, "The requested resource does not exist"),
    ORDER_NOT_READY("orderNotReady", 403, "The request attempted to finalize an order that is not ready to be finalized"),
    RATE_LIMITED("rateLimited", 429, "The request exceeds a rate limit"),
    REJECTED_IDENTIFIER("rejectedIdentifier", 400, "The server will not issue certificates for the identifier"),
    SERVER_INTERNAL("serverInternal", 500, "The server experienced an internal error"),
    TLS("tls", 400, "The server received a TLS error during validation"),
    UNAUTHORIZED("unauthorized", 403, "The client lacks sufficient authorization"),
    UNSUPPORTED_CONTACT("unsupportedContact", 400, "A contact URL for an account used an unsupported protocol scheme"),
    UNSUPPORTED_IDENTIFIER("unsupportedIdentifier", 400, "An identifier is of an unsupported type"),
    USER_ACTION_REQUIRED("userActionRequired", 403, "Visit the \"instance\" URL and take actions specified there");

    /** The namespace of every ACME error type URN. */
    public static final String NAMESPACE = "urn:ietf:params:acme:error:";

    private final String code;
    private final int status;
    private final String title;

    AcmeProblem(String code, int status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    /** The short code, e.g. {@code badNonce}. */
    public String code() {
        return code;
    }

    /** The full type URN, e.g. {@code urn:ietf:params:acme:error:badNonce}. */
    public String type() {
        return NAMESPACE + code;
    }

    /** The HTTP status of a response that carries this problem. */
    public int status() {
        return status;
    }

    /** A generic one-line description of the problem type. */
    public String title() {
        return title;
    }

    /** A problem document of this type with the given one-sentence detail. */
    public ProblemDocument withDetail(String detail) {
        return new ProblemDocument(type(), detail, status, null, java.util.List.of());
    }
}
