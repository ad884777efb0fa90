package dev.stile.provisioners.jwe;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.PbkdfKey;
import org.jose4j.lang.JoseException;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The {@code encryptedKey} of a JWK provisioner: the private JWK as a compact JWE with
 * PBES2-HS256+A128KW key wrapping (RFC 7518 section 4.8), exactly as {@code step ca init} and
 * {@code step crypto jwk create} write it, so the step CLI and step-issuer can decrypt what we
 * serve and we can decrypt what they wrote.
 *
 * <p>Decryption honours {@code enc} and {@code p2c} from the protected header: step writes
 * A256GCM with 600000 iterations today and A128GCM with 100000 in older versions. jose4j refuses
 * more than 2,499,999 iterations, which bounds the work a hostile header can cause.
 */
public final class EncryptedKeys {

    /** What current step versions write. */
    public static final int STEP_ITERATIONS = 600_000;

    private static final Pattern BASE64URL_PART = Pattern.compile("[A-Za-z0-9_-]*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private EncryptedKeys() {
    }

    /**
     * Why a string is not a compact JWE, or {@code null} when it looks like one (five
     * base64url parts, a decodable protected header). Used to refuse at load time what would
     * otherwise only fail in the client as "compact JWE format must have five parts" (step-issuer
     * issue 107: base64-wrapped keys in Helm values).
     */
    public static String whyNotCompactJwe(String value) {
        if (value == null || value.isBlank()) {
            return "it is empty";
        }
        String[] parts = value.trim().split("\\.", -1);
        if (parts.length != 5) {
            String hint = looksLikeBase64OfJwe(value)
                    ? " (it looks base64-encoded: store the JWE itself, starting with \"eyJ\", not base64 of it)"
                    : "";
            return "a compact JWE has five dot-separated parts, this value has " + parts.length + hint;
        }
        for (int i = 0; i < parts.length; i++) {
            if (!BASE64URL_PART.matcher(parts[i]).matches()) {
                return "part " + (i + 1) + " is not base64url";
            }
        }
        if (parts[0].isEmpty() || parts[2].isEmpty() || parts[3].isEmpty() || parts[4].isEmpty()) {
            return "its header, IV, ciphertext or tag part is empty";
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(parts[0]), java.nio.charset.StandardCharsets.UTF_8);
            if (!header.trim().startsWith("{")) {
                return "its protected header is not JSON";
            }
        } catch (IllegalArgumentException e) {
            return "its protected header is not base64url";
        }
        return null;
    }

    private static boolean looksLikeBase64OfJwe(String value) {
        try {
            String decoded = new String(Base64.getMimeDecoder().decode(value.trim()), java.nio.charset.StandardCharsets.UTF_8);
            return decoded.trim().split("\\.", -1).length == 5;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Decrypts an encrypted provisioner key with its password.
     *
     * @return the private JWK (EC, RSA or OKP) with its {@code kid} and {@code alg}
     * @throws GeneralSecurityException when the password is wrong or the JWE is damaged
     */
    public static PublicJsonWebKey decrypt(String compactJwe, char[] password) throws GeneralSecurityException {
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setProviderContext(JoseProviders.context());
            jwe.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                    KeyManagementAlgorithmIdentifiers.PBES2_HS256_A128KW,
                    KeyManagementAlgorithmIdentifiers.PBES2_HS384_A192KW,
                    KeyManagementAlgorithmIdentifiers.PBES2_HS512_A256KW));
            jwe.setContentEncryptionAlgorithmConstraints(new AlgorithmConstraints(
                    AlgorithmConstraints.ConstraintType.PERMIT,
                    ContentEncryptionAlgorithmIdentifiers.AES_128_GCM,
                    ContentEncryptionAlgorithmIdentifiers.AES_192_GCM,
                    ContentEncryptionAlgorithmIdentifiers.AES_256_GCM,
                    ContentEncryptionAlgorithmIdentifiers.AES_128_CBC_HMAC_SHA_256,
                    ContentEncryptionAlgorithmIdentifiers.AES_256_CBC_HMAC_SHA_512));
            jwe.setCompactSerialization(compactJwe.trim());
            jwe.setKey(new PbkdfKey(new String(password)));
            String json = jwe.getPlaintextString();
            JsonWebKey jwk = JsonWebKey.Factory.newJwk(json);
            if (!(jwk instanceof PublicJsonWebKey) || ((PublicJsonWebKey) jwk).getPrivateKey() == null) {
                throw new GeneralSecurityException("the encrypted key does not contain a private key");
            }
            return (PublicJsonWebKey) jwk;
        } catch (JoseException e) {
            throw new GeneralSecurityException("cannot decrypt the provisioner key (wrong password?): " + e.getMessage(), e);
        }
    }

    /**
     * Encrypts a private JWK the way current step versions do: PBES2-HS256+A128KW, A256GCM,
     * {@code cty} jwk+json, a 16-byte random salt.
     */
    public static String encrypt(PublicJsonWebKey privateJwk, char[] password, int iterations) {
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setProviderContext(JoseProviders.context());
            jwe.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                    KeyManagementAlgorithmIdentifiers.PBES2_HS256_A128KW));
            jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.PBES2_HS256_A128KW);
            jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
            jwe.setContentTypeHeaderValue("jwk+json");
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            jwe.getHeaders().setObjectHeaderValue("p2c", (long) iterations);
            jwe.getHeaders().setStringHeaderValue("p2s", Base64.getUrlEncoder().withoutPadding().encodeToString(salt));
            jwe.setPayload(privateJwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            jwe.setKey(new PbkdfKey(new String(password)));
            return jwe.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot encrypt the provisioner key: " + e.getMessage(), e);
        }
    }
}
