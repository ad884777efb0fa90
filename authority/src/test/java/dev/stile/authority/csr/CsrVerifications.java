package dev.stile.authority.csr;

/**
 * Test access to {@link CsrParser}'s count of signature verifications, so tests of other modules
 * (step /1.0/sign, ACME finalize) can prove each request's signature is verified exactly once.
 * Lives in the authority test-jar, in CsrParser's package, so the counter stays out of the API.
 */
public final class CsrVerifications {

    private CsrVerifications() {
    }

    /** Verifications performed in this JVM so far; compare before and after a call. */
    public static long count() {
        return CsrParser.verifications();
    }
}
