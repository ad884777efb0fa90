package dev.stile.server.http.acme;

import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.service.AcmeProvisionerSettings;

/**
 * The rate limits and caps the ACME resources consult before they change anything (docs/acme.md,
 * "Rate limits"). Each method throws {@link dev.stile.acme.problem.RateLimitedException} to refuse.
 * {@link #NONE} limits nothing.
 */
public interface AcmeLimits {

    AcmeLimits NONE = new AcmeLimits() { };

    /** What to call once the guarded action is known to have happened (or not). */
    interface Outcome {
        Outcome NOTHING = done -> { };

        /** @param happened false gives back what the check counted */
        void done(boolean happened);
    }

    /**
     * Before new-account: counts an account creation for the client address unless the key
     * already has an account (the request looked it up). The outcome says whether an account was
     * created.
     */
    default Outcome newAccount(AcmeProvisionerSettings settings, VerifiedRequest request, boolean keyHasAccount,
                               String peerAddress, String forwardedFor) {
        return Outcome.NOTHING;
    }

    /** Before new-order: the account's order rate and its pending-authorization cap. */
    default void newOrder(AcmeProvisionerSettings settings, VerifiedRequest request) {
    }

    /** Before new-authz: the account's pending-authorization cap. */
    default void newAuthorization(AcmeProvisionerSettings settings, VerifiedRequest request) {
    }

    /** Before a challenge of this (already read) authorization starts validating: failed validations for that account and name. */
    default void challenge(AcmeProvisionerSettings settings, VerifiedRequest request,
                           dev.stile.acme.model.Authorization authorization) {
    }

    /** Before finalize of this (already read) order: certificates per name. The outcome says whether a certificate was issued. */
    default Outcome finalizeOrder(AcmeProvisionerSettings settings, VerifiedRequest request, dev.stile.acme.model.Order order) {
        return Outcome.NOTHING;
    }
}
