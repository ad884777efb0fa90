package dev.stile.authority.init;

import dev.stile.authority.keys.KeyType;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwx.HeaderParameterNames;
import org.jose4j.keys.PbkdfKey;
import org.jose4j.lang.JoseException;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JWK provisioner key as {@code step ca init} creates it (step-ca-api.md 4.2): an EC P-256 /
 * ES256 key whose {@code kid} is its RFC 7638 thumbprint, and the private JWK encrypted with the
 * provisioner password as a compact JWE (PBES2-HS256+A128KW, A256GCM, cty jwk+json, p2c 600000,
 * 16-byte salt) that step clients and step-issuer decrypt.
 *
 * @param publicJwk    the public JWK members in step's order ({@code use, kty, kid, crv, alg, x, y})
 * @param kid          the thumbprint
 * @param encryptedKey the compact JWE
 */
public record ProvisionerKey(Map<String, Object> publicJwk, String kid, String encryptedKey) {

    /** step's current iteration count. */
    public static final long PBES2_ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AlgorithmConstraints PBES2_ONLY = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, KeyManagementAlgorithmIdentifiers.PBES2_HS256_A128KW);

    public ProvisionerKey {
        publicJwk = Collections.unmodifiableMap(new LinkedHashMap<>(publicJwk));
    }

    /** Generates a key and encrypts its private half with {@code password}. */
    public static ProvisionerKey generate(char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("the provisioner password must not be empty");
        }
        KeyPair pair = KeyType.EC_P256.generate();
        try {
            EllipticCurveJsonWebKey jwk = new EllipticCurveJsonWebKey((ECPublicKey) pair.getPublic());
            jwk.setPrivateKey((ECPrivateKey) pair.getPrivate());
            String kid = jwk.calculateBase64urlEncodedThumbprint("SHA-256");
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            jwk.setAlgorithm("ES256");
            Map<String, Object> all = jwk.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
            Map<String, Object> privateJwk = stepOrder(all, true);
            Map<String, Object> publicJwk = stepOrder(all, false);
            return new ProvisionerKey(publicJwk, kid, encrypt(org.jose4j.json.JsonUtil.toJson(privateJwk), password));
        } catch (JoseException e) {
            throw new IllegalStateException("cannot create the provisioner key: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> stepOrder(Map<String, Object> params, boolean withPrivate) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String name : new String[] {"use", "kty", "kid", "crv", "alg", "x", "y"}) {
            ordered.put(name, params.get(name));
        }
        if (withPrivate) {
            ordered.put("d", params.get("d"));
        }
        return ordered;
    }

    private static String encrypt(String privateJwkJson, char[] password) throws JoseException {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        JsonWebEncryption jwe = new JsonWebEncryption();
        // jose4j blocks password-based algorithms by default; step's format requires PBES2.
        jwe.setAlgorithmConstraints(PBES2_ONLY);
        jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.PBES2_HS256_A128KW);
        jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
        jwe.setContentTypeHeaderValue("jwk+json");
        jwe.getHeaders().setObjectHeaderValue(HeaderParameterNames.PBES2_ITERATION_COUNT, PBES2_ITERATIONS);
        jwe.getHeaders().setStringHeaderValue(HeaderParameterNames.PBES2_SALT_INPUT,
                Base64.getUrlEncoder().withoutPadding().encodeToString(salt));
        jwe.setKey(new PbkdfKey(new String(password)));
        jwe.setPlaintext(privateJwkJson);
        return jwe.getCompactSerialization();
    }

    /**
     * Decrypts an {@code encryptedKey} back to the private JWK, honouring the header's
     * algorithm, iteration count and salt (older step CAs used A128GCM and p2c 100000).
     *
     * @throws IllegalArgumentException when the password is wrong or the JWE is damaged
     */
    public static PublicJsonWebKey decrypt(String encryptedKey, char[] password) {
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setAlgorithmConstraints(PBES2_ONLY);
            jwe.setCompactSerialization(encryptedKey);
            jwe.setKey(new PbkdfKey(new String(password)));
            return PublicJsonWebKey.Factory.newPublicJwk(jwe.getPlaintextString());
        } catch (JoseException e) {
            throw new IllegalArgumentException("cannot decrypt the provisioner key: wrong password, or the "
                    + "encryptedKey is damaged (" + e.getMessage() + ")", e);
        }
    }
}
