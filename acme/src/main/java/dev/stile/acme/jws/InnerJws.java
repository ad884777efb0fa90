package dev.stile.acme.jws;

import dev.stile.authority.crypto.BouncyCastle;
import dev.stile.acme.model.KeyAuthorization;
import dev.stile.acme.problem.AcmeException;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * The inner JWS of a key change (RFC 8555 §7.3.5): signed by the new key, carried in the payload
 * of the outer JWS. It must use {@code jwk} (not {@code kid}), an allowed algorithm and the same
 * {@code url} as the outer JWS; its nonce, if any, is ignored as the RFC says.
 *
 * @param jwk        the new key
 * @param thumbprint its thumbprint
 * @param payload    the decoded inner payload
 */
public record InnerJws(PublicJsonWebKey jwk, String thumbprint, byte[] payload) {

    /** Verifies the inner JWS found in {@code outerPayload}. */
    public static InnerJws verify(byte[] outerPayload, String outerUrl) {
        FlattenedJws jws = FlattenedJws.parse(outerPayload);
        String alg = jws.headerText("alg");
        KeyPolicy.checkAlgorithm(alg);
        if (jws.header().has("kid") || !jws.header().has("jwk")) {
            throw AcmeException.malformed("the inner key-change JWS must have a \"jwk\" header and no \"kid\" (RFC 8555 §7.3.5)");
        }
        if (!outerUrl.equals(jws.headerText("url"))) {
            throw AcmeException.malformed("the inner key-change JWS url \"" + jws.headerText("url")
                    + "\" differs from the outer url \"" + outerUrl + "\"");
        }
        PublicJsonWebKey key = KeyPolicy.parseAndCheck(JwsVerifier.toMap(jws.header().get("jwk")), alg);
        JsonWebSignature sig = new JsonWebSignature();
        sig.setProviderContext(BouncyCastle.joseContext(BouncyCastle.NAME));
        sig.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg));
        try {
            sig.setCompactSerialization(jws.compact());
            sig.setKey(key.getPublicKey());
            if (!sig.verifySignature()) {
                throw AcmeException.malformed("the inner key-change JWS signature does not verify with the new key");
            }
        } catch (JoseException e) {
            throw AcmeException.malformed("the inner key-change JWS cannot be checked: " + e.getMessage());
        }
        return new InnerJws(key, KeyAuthorization.thumbprint(key), jws.payload());
    }
}
