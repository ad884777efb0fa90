package dev.stile.acme.jws;

import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.problem.AcmeProblem;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Set;

/**
 * Which algorithms and keys Stile accepts for account keys (RFC 8555 §6.2): ES256/ES384/ES512,
 * RS256, PS256 (RSA of at least 2048 bits) and EdDSA (Ed25519/Ed448). Anything else is refused
 * before a signature is computed.
 */
final class KeyPolicy {

    static final Set<String> ALGORITHMS = Set.of("ES256", "ES384", "ES512", "RS256", "PS256", "EdDSA");
    private static final Map<String, String> EC_CURVE = Map.of(
            "ES256", EllipticCurves.P_256, "ES384", EllipticCurves.P_384, "ES512", EllipticCurves.P_521);
    static final int MIN_RSA_BITS = 2048;

    private KeyPolicy() {
    }

    static void checkAlgorithm(String alg) {
        if (alg == null || !ALGORITHMS.contains(alg)) {
            throw new AcmeException(AcmeProblem.BAD_SIGNATURE_ALGORITHM.withDetail(
                    "the JWS algorithm " + (alg == null ? "(none)" : "\"" + alg + "\"")
                            + " is not supported; use one of ES256, ES384, ES512, RS256, PS256, EdDSA"));
        }
    }

    /** Parses a JWK from the header and checks it fits {@code alg}. */
    static PublicJsonWebKey parseAndCheck(Map<String, Object> jwkParams, String alg) {
        PublicJsonWebKey jwk;
        try {
            jwk = PublicJsonWebKey.Factory.newPublicJwk(jwkParams);
        } catch (JoseException | RuntimeException e) {
            throw new AcmeException(AcmeProblem.BAD_PUBLIC_KEY.withDetail("the JWS key cannot be parsed: " + e.getMessage()));
        }
        check(jwk, alg);
        return jwk;
    }

    static void check(PublicJsonWebKey jwk, String alg) {
        if (jwk.getPrivateKey() != null) {
            throw AcmeException.malformed("the JWS key contains private key material; send only the public key");
        }
        if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().equals(alg)) {
            throw new AcmeException(AcmeProblem.BAD_SIGNATURE_ALGORITHM.withDetail(
                    "the JWK says alg " + jwk.getAlgorithm() + " but the JWS was signed with " + alg));
        }
        if (jwk instanceof RsaJsonWebKey) {
            int bits = ((RSAPublicKey) jwk.getPublicKey()).getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new AcmeException(AcmeProblem.BAD_PUBLIC_KEY.withDetail(
                        "the RSA account key has " + bits + " bits; at least " + MIN_RSA_BITS + " are required"));
            }
            requireAlg(alg.equals("RS256") || alg.equals("PS256"), jwk, alg);
        } else if (jwk instanceof EllipticCurveJsonWebKey) {
            String curve = ((EllipticCurveJsonWebKey) jwk).getCurveName();
            String expected = EC_CURVE.get(alg);
            if (expected == null) {
                requireAlg(false, jwk, alg);
            }
            if (!expected.equals(curve)) {
                throw new AcmeException(AcmeProblem.BAD_PUBLIC_KEY.withDetail(
                        "the EC key is on curve " + curve + " but " + alg + " requires " + expected));
            }
        } else if (jwk instanceof OctetKeyPairJsonWebKey) {
            requireAlg(alg.equals("EdDSA"), jwk, alg);
        } else {
            throw new AcmeException(AcmeProblem.BAD_PUBLIC_KEY.withDetail(
                    "the JWS key type " + jwk.getKeyType() + " is not supported; use EC, RSA or OKP"));
        }
    }

    private static void requireAlg(boolean ok, JsonWebKey jwk, String alg) {
        if (!ok) {
            throw new AcmeException(AcmeProblem.BAD_SIGNATURE_ALGORITHM.withDetail(
                    "algorithm " + alg + " does not fit a key of type " + jwk.getKeyType()));
        }
    }
}
