package dev.stile.provisioners;

import dev.stile.provisioners.jwe.JoseProviders;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;

import java.security.Key;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Mints tokens the way the step CLI does (reference 3.3): header {alg, kid, typ JWT}; claims iss,
 * sub, aud (one string), nbf = iat = now, exp = now + 5 min, jti = 64 hex chars, sha, sans.
 */
public final class StepTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private StepTokens() {
    }

    /** A provisioner key as {@code step ca init} makes it: EC P-256, ES256, use sig, kid = thumbprint. */
    public static PublicJsonWebKey provisionerKey() {
        try {
            PublicJsonWebKey k = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            k.setKeyId(k.calculateBase64urlEncodedThumbprint("SHA-256"));
            k.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            k.setUse("sig");
            return k;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public half as ca.json's {@code key} member. */
    public static String publicJson(PublicJsonWebKey k) {
        return k.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    public static String jti() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Standard step claims at {@code now}. */
    public static JwtClaims claims(String iss, String sub, String aud, List<String> sans, Instant now) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(iss);
        c.setSubject(sub);
        c.setStringClaim("aud", aud);
        c.setNotBefore(NumericDate.fromSeconds(now.getEpochSecond()));
        c.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        c.setExpirationTime(NumericDate.fromSeconds(now.getEpochSecond() + 300));
        c.setJwtId(jti());
        c.setStringClaim("sha", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        if (sans != null) {
            c.setStringListClaim("sans", sans);
        }
        return c;
    }

    /** A JWK sign token signed by the provisioner key. */
    public static String jwk(PublicJsonWebKey key, String iss, String sub, String aud, List<String> sans, Instant now) {
        return sign(claims(iss, sub, aud, sans, now), key.getPrivateKey(), key.getKeyId(), Map.of(), c -> { });
    }

    /** Signs claims with a key; {@code extraHeaders} e.g. x5c; {@code edit} may change claims last. */
    public static String sign(JwtClaims claims, Key key, String kid, Map<String, Object> extraHeaders,
                              Consumer<JwtClaims> edit) {
        try {
            edit.accept(claims);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setProviderContext(JoseProviders.context());
            jws.setPayload(claims.toJson());
            jws.setKey(key);
            jws.setAlgorithmHeaderValue(key.getAlgorithm().equals("RSA") ? AlgorithmIdentifiers.RSA_USING_SHA256
                    : AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            if (kid != null) {
                jws.setKeyIdHeaderValue(kid);
            }
            jws.setHeader("typ", "JWT");
            extraHeaders.forEach((k, v) -> jws.getHeaders().setObjectHeaderValue(k, v));
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
