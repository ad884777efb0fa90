package dev.stile.provisioners.token;

import dev.stile.provisioners.Provisioner;
import org.jose4j.jwt.JwtClaims;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A token whose signature, provisioner, audience, times and replay status have been checked.
 *
 * @param provisioner  the provisioner that vouched for it
 * @param purpose      what it was verified for
 * @param subject      {@code sub}: the intended CN, or for revoke tokens the serial in decimal
 * @param sans         {@code sans} (JWK/X5C), {@code [sub]} when absent; empty for other types
 * @param names        where the certificate's names must come from
 * @param tokenId      the replay key that was consumed (or would have been, for K8sSA)
 * @param csrHash      the {@code cnf.x5rt#S256} claim when present: base64url SHA-256 of the CSR DER
 * @param chain        the {@code x5c}/{@code x5cInsecure} chain, leaf first; empty otherwise
 * @param email        the OIDC {@code email} claim, if any
 * @param claims       every claim, for templates
 */
public record VerifiedToken(
        Provisioner provisioner,
        TokenPurpose purpose,
        String subject,
        List<String> sans,
        NameSource names,
        String tokenId,
        Optional<String> csrHash,
        List<X509Certificate> chain,
        Optional<String> email,
        JwtClaims claims) {

    public VerifiedToken {
        sans = List.copyOf(sans);
        chain = List.copyOf(chain);
    }

    /** The x5c leaf's validity ends here; certificates from X5C tokens must not outlive it. */
    public Optional<Instant> chainNotAfter() {
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0).getNotAfter().toInstant());
    }

    /** Where the issued certificate's subject and SANs come from. */
    public enum NameSource {
        /** JWK, X5C: the token's {@code sub} and {@code sans}; the CSR may only repeat them. */
        TOKEN,
        /** K8sSA and OIDC admins: copied from the CSR. */
        CSR,
        /** OIDC non-admins: only the token's e-mail address. */
        EMAIL
    }
}
