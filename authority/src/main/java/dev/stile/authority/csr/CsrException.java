package dev.stile.authority.csr;

import dev.stile.authority.AuthorityException;

/**
 * The one way {@link CsrParser} refuses a request. It is an {@link AuthorityException} so the
 * step-ca side answers it as before (400, or 403 for a too-weak key as step-ca does); the ACME side
 * maps every reason to {@code badCSR}.
 */
public final class CsrException extends AuthorityException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the request. */
    public enum Reason {
        /** Missing, too large, not PEM/DER PKCS#10, or unreadable names. */
        MALFORMED,
        /** The signature does not verify with the key the request contains, or cannot be checked. */
        SIGNATURE_INVALID,
        /** The key is of a type, size or curve the CA does not certify ({@link dev.stile.authority.keys.PublicKeys}). */
        KEY_REJECTED
    }

    private final Reason reason;

    CsrException(Reason reason, Category category, String message) {
        super(category, message);
        this.reason = reason;
    }

    static CsrException malformed(String message) {
        return new CsrException(Reason.MALFORMED, Category.BAD_REQUEST, message);
    }

    public Reason reason() {
        return reason;
    }
}
