package dev.stile.authority;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the caller's rules allow for one certificate, handed to {@link Authority#issue} inside the
 * {@link IssueRequest} so the authority decides validity and names once, right before signing:
 * the caller translates its protocol's rules into this object and does not decide again.
 *
 * <p>{@link DurationLimits} is the policy of a step-ca provisioner's duration claims;
 * {@link #agreed} is the policy of a window the caller has already agreed to (an ACME order's
 * notBefore/notAfter, checked when the order was placed, or its profile's lifetime).
 */
public interface IssuancePolicy {

    /**
     * The certificate's validity window.
     *
     * @throws AuthorityException bad request for a window in the past or inverted, forbidden for a
     *                            span the policy does not allow
     */
    Validity validity(Instant now, Instant requestedNotBefore, Instant requestedNotAfter);

    /**
     * Refuses names the caller's name policy (step-ca's x509 allow/deny) does not allow, by throwing;
     * checked before anything else so a refused request never reaches the signer. Allows all by default.
     */
    default void checkNames(String commonName, SubjectAlternativeNames sans) {
    }

    /** The same validity rule, with the given name rule. */
    default IssuancePolicy withNames(NameRule names) {
        IssuancePolicy validity = this;
        Objects.requireNonNull(names, "names");
        return new IssuancePolicy() {
            @Override
            public Validity validity(Instant now, Instant requestedNotBefore, Instant requestedNotAfter) {
                return validity.validity(now, requestedNotBefore, requestedNotAfter);
            }

            @Override
            public void checkNames(String commonName, SubjectAlternativeNames sans) {
                validity.checkNames(commonName, sans);
                names.check(commonName, sans);
            }
        };
    }

    /**
     * A window the caller already agreed to: the requested notBefore/notAfter as they are, else
     * {@code now - backdate} and {@code start + lifetime}. Only the checks every certificate gets
     * apply (not in the past, not inverted).
     */
    static IssuancePolicy agreed(Duration lifetime, Duration backdate) {
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(backdate, "backdate");
        return (now, requestedNotBefore, requestedNotAfter) ->
                Validity.window(now, requestedNotBefore, requestedNotAfter, lifetime, backdate);
    }

    /** A name policy: throws (typically a forbidden {@link AuthorityException}) to refuse. */
    @FunctionalInterface
    interface NameRule {
        void check(String commonName, SubjectAlternativeNames sans);
    }
}
