package dev.stile.cli.ca;

import dev.stile.provisioners.jwe.JoseProviders;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Mints the tokens the step CLI mints (step-ca-api.md 3.3, 3.5, 3.6), claim for claim, so a CA
 * cannot tell them apart: one-time sign and revoke tokens signed with a JWK provisioner key, and
 * {@code x5cInsecure} renew tokens signed with a certificate's own key.
 */
public final class TokenFactory {

    /** The issuer step uses for renew tokens. */
    public static final String RENEW_ISSUER = "step-ca-client/1.0";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenFactory() {
    }

    /**
     * A sign token: {@code aud = <ca-url>/1.0/sign}, {@code sans} always present ({@code [sub]}
     * when empty), {@code sha} = root fingerprint, 64-hex {@code jti}.
     */
    public static String sign(PublicJsonWebKey provisionerKey, String provisioner, String subject, List<String> sans,
                              String caUrl, String rootFingerprint, Instant notBefore, Instant notAfter, Instant now) {
        JwtClaims claims = common(provisioner, subject, caUrl + "/1.0/sign", notBefore, notAfter, now);
        claims.setJwtId(jti());
        claims.setClaim("sha", rootFingerprint);
        claims.setStringListClaim("sans", sans.isEmpty() ? List.of(subject) : List.copyOf(sans));
        return signWithProvisioner(provisionerKey, claims);
    }

    /** A revoke token: {@code aud = <ca-url>/1.0/revoke}, {@code sub} = the serial in decimal, no {@code sans}. */
    public static String revoke(PublicJsonWebKey provisionerKey, String provisioner, String decimalSerial,
                                String caUrl, String rootFingerprint, Instant notBefore, Instant notAfter, Instant now) {
        JwtClaims claims = common(provisioner, decimalSerial, caUrl + "/1.0/revoke", notBefore, notAfter, now);
        claims.setJwtId(jti());
        claims.setClaim("sha", rootFingerprint);
        return signWithProvisioner(provisionerKey, claims);
    }

    /**
     * A renew token (3.5): signed by the certificate's key, {@code x5cInsecure} = the chain,
     * {@code iss = step-ca-client/1.0}, {@code sub} = the leaf's CN, {@code aud = <ca-url>/renew},
     * no {@code jti}.
     */
    public static String renew(List<X509Certificate> chain, PrivateKey key, String caUrl, Instant notBefore,
                               Instant notAfter, Instant now) {
        X509Certificate leaf = chain.get(0);
        JwtClaims claims = common(RENEW_ISSUER, CommonNames.of(leaf), caUrl + "/renew", notBefore, notAfter, now);
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(leaf.getPublicKey());
            JsonWebSignature jws = new JsonWebSignature();
            jws.setProviderContext(JoseProviders.context());
            jws.setAlgorithmHeaderValue(algorithm(leaf.getPublicKey()));
            jws.setKeyIdHeaderValue(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
            jws.setHeader("typ", "JWT");
            List<String> x5c = new ArrayList<>();
            for (X509Certificate c : chain) {
                x5c.add(Base64.getEncoder().encodeToString(c.getEncoded()));
            }
            jws.getHeaders().setObjectHeaderValue("x5cInsecure", x5c);
            jws.setPayload(claims.toJson());
            jws.setKey(key);
            return jws.getCompactSerialization();
        } catch (JoseException | CertificateEncodingException e) {
            throw CliException.usage("cannot sign a renew token with the certificate's key: " + e.getMessage(), e);
        }
    }

    private static JwtClaims common(String issuer, String subject, String audience, Instant notBefore,
                                    Instant notAfter, Instant now) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        // step emits aud as a single string, not an array.
        claims.setClaim("aud", audience);
        claims.setNotBefore(NumericDate.fromSeconds(notBefore.getEpochSecond()));
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(notAfter.getEpochSecond()));
        return claims;
    }

    private static String signWithProvisioner(PublicJsonWebKey key, JwtClaims claims) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setProviderContext(JoseProviders.context());
            jws.setAlgorithmHeaderValue(key.getAlgorithm() != null ? key.getAlgorithm() : algorithm(key.getPublicKey()));
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setHeader("typ", "JWT");
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivateKey());
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw CliException.usage("cannot sign the token with the provisioner key: " + e.getMessage(), e);
        }
    }

    /** The JWS algorithm step picks for a key: ES256/384/512 by curve size, RS256, EdDSA. */
    static String algorithm(PublicKey key) {
        if (key instanceof ECKey) {
            int bits = ((ECKey) key).getParams().getCurve().getField().getFieldSize();
            if (bits <= 256) {
                return AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
            }
            return bits <= 384 ? AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384
                    : AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512;
        }
        if (key instanceof RSAKey) {
            return AlgorithmIdentifiers.RSA_USING_SHA256;
        }
        return AlgorithmIdentifiers.EDDSA;
    }

    /** 32 random bytes as 64 lower-case hex characters, like step's token IDs. */
    static String jti() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
