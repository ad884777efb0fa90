package dev.stile.acme.jws;

/** Which key reference an endpoint accepts in the JWS protected header (RFC 8555 §6.2). */
public enum AuthMode {
    /** {@code jwk} only: newAccount, and revokeCert signed by the certificate key. */
    JWK,
    /** {@code kid} only: every request by an existing account. */
    KID,
    /** either: revokeCert (§7.6). */
    KID_OR_JWK
}
