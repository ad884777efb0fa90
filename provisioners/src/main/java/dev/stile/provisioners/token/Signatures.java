package dev.stile.provisioners.token;

import dev.stile.provisioners.AuthorizationException;
import dev.stile.authority.crypto.CryptoProviders;
import dev.stile.authority.crypto.NativeKeys;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;

import java.security.Key;
import java.security.PublicKey;
import java.util.List;

/** Verifies a token's signature (provider per algorithm, see {@link CryptoProviders}) before anything in it is believed. */
final class Signatures {

    private Signatures() {
    }

    /**
     * @param what describes the key for the log, e.g. {@code JWK provisioner "k8s" key kid abc}
     * @return the claims, now authenticated
     */
    static JwtClaims verify(ParsedToken token, Key key, String what) {
        Key checking = key instanceof PublicKey publicKey ? NativeKeys.forVerifying(publicKey) : key;
        try {
            // The token was parsed once already (ParsedToken): verify that JWS, whose claims are
            // then the ones signed, instead of parsing the whole token a second time.
            if (token.verifySignature(checking, CryptoProviders.joseContext(token.algorithm(), checking))) {
                return token.claims();
            }
            throw AuthorizationException.unauthorized("token signature does not verify with " + what
                    + " (alg " + token.algorithm() + "): JWS signature is invalid");
        } catch (JoseException e) {
            throw AuthorizationException.unauthorized("token signature does not verify with " + what
                    + " (alg " + token.algorithm() + "): " + firstLine(e));
        }
    }

    /** A fresh parse and verification, for trying several keys on one token. */
    private static JwtClaims verifyParsingAgain(ParsedToken token, Key key, String what) {
        Key checking = key instanceof PublicKey publicKey ? NativeKeys.forVerifying(publicKey) : key;
        try {
            return new JwtConsumerBuilder()
                    .setVerificationKey(checking)
                    .setJwsAlgorithmConstraints(ParsedToken.SIGNATURE_ALGORITHMS)
                    .setJwsProviderContext(CryptoProviders.joseContext(token.algorithm(), checking))
                    .setSkipAllDefaultValidators()
                    .build()
                    .processToClaims(token.raw());
        } catch (InvalidJwtException e) {
            throw AuthorizationException.unauthorized("token signature does not verify with " + what
                    + " (alg " + token.algorithm() + "): " + firstLine(e));
        }
    }

    /** Tries each key; the first that verifies wins. */
    static JwtClaims verifyAny(ParsedToken token, List<? extends Key> keys, String what) {
        AuthorizationException last = null;
        for (Key k : keys) {
            try {
                return verifyParsingAgain(token, k, what);
            } catch (AuthorizationException e) {
                last = e;
            }
        }
        throw last != null ? last : AuthorizationException.unauthorized("no key configured to verify " + what);
    }

    /** jose4j's reason without its "Additional details", which quote the whole token (never log tokens). */
    static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int details = m.indexOf(". Additional details");
        if (details > 0) {
            m = m.substring(0, details);
        }
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }
}
