package dev.stile.server.acme;

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

    /** Issuance for an ACME order was refused or failed. */
    default void issuanceFailed(String provisioner, String requester, String reason) {
    }

    /**
     * A certificate was marked revoked in the inventory. The CRL helper regenerates the CRL here.
     *
     * @param serialHex  the serial, lower-case hex
     * @param reasonCode the RFC 5280 reason code
     */
    default void revoked(String serialHex, int reasonCode, String requester) {
    }
}
