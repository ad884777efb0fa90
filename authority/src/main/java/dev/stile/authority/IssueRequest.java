package dev.stile.authority;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;

/**
 * What to certify, after the provisioner has authorised it. The HTTP layers build this from a
 * token and CSR (step /sign), an ACME order, a renewal, ...
 *
 * @param publicKey          the subject's public key (from the CSR, or the old certificate on renew)
 * @param commonName         subject CN; empty for a certificate identified by its SANs only
 * @param sans               subject alternative names
 * @param requestedNotBefore absolute start asked for, or {@code null} for now - backdate
 * @param requestedNotAfter  absolute end asked for, or {@code null} for the default duration
 * @param policy             what the caller's rules allow: validity (e.g. the provisioner's resolved
 *                           {@link DurationLimits}) and names; decided by {@link Authority#issue}
 * @param provisioner        who authorised the request
 * @param requester          who asked: token subject, ACME account URL, client certificate serial
 * @param profile            the ACME order's profile, kept in the inventory; {@code null} for none
 */
public record IssueRequest(PublicKey publicKey, String commonName, SubjectAlternativeNames sans,
                           Instant requestedNotBefore, Instant requestedNotAfter, IssuancePolicy policy,
                           ProvisionerIdentity provisioner, String requester, String profile) {

    /** A request without a profile (step /sign, renew, the CA's own TLS certificate). */
    public IssueRequest(PublicKey publicKey, String commonName, SubjectAlternativeNames sans,
                        Instant requestedNotBefore, Instant requestedNotAfter, IssuancePolicy policy,
                        ProvisionerIdentity provisioner, String requester) {
        this(publicKey, commonName, sans, requestedNotBefore, requestedNotAfter, policy, provisioner, requester, null);
    }

    public IssueRequest {
        Objects.requireNonNull(publicKey, "publicKey");
        commonName = commonName == null ? "" : commonName;
        sans = sans == null ? SubjectAlternativeNames.none() : sans;
        policy = policy == null ? DurationLimits.STEP_DEFAULTS : policy;
        Objects.requireNonNull(provisioner, "provisioner");
        requester = requester == null ? "" : requester;
    }
}
