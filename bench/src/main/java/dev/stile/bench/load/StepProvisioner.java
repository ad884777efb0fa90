package dev.stile.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.provisioners.jwe.EncryptedKeys;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.HashUtil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The first JWK provisioner of a CA made by {@code stile init} (or by {@code jwk-provisioner} for step-ca), with its private key decrypted from
 * {@code encryptedKey} with the provisioner password, as {@code step ca token} does.
 *
 * @param name the provisioner name (token {@code iss})
 * @param key  the private JWK; its {@code kid} goes into the token header
 */
record StepProvisioner(String name, PublicJsonWebKey key) {

    /**
     * A new JWK provisioner entry for a ca.json, as {@code step ca init} writes one: a P-256 key,
     * its public JWK (kid = RFC 7638 thumbprint, use sig, alg ES256) and the private JWK encrypted
     * with the password (PBES2-HS256+A128KW, A256GCM), so a step-ca directory can be made without
     * the step CLI.
     */
    static String newJwkProvisionerJson(String name, Path passwordFile) throws Exception {
        char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
        EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        key.setKeyId(key.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256));
        key.setUse("sig");
        key.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        ObjectMapper json = new ObjectMapper();
        ObjectNode entry = json.createObjectNode().put("type", "JWK").put("name", name);
        entry.set("key", json.readTree(key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        entry.put("encryptedKey", EncryptedKeys.encrypt(key, password, EncryptedKeys.STEP_ITERATIONS));
        return json.writeValueAsString(entry);
    }

    static StepProvisioner load(Path caJson, Path passwordFile) throws Exception {
        JsonNode config = new ObjectMapper().readTree(caJson.toFile());
        char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
        for (JsonNode p : config.path("authority").path("provisioners")) {
            if ("JWK".equals(p.path("type").asText()) && p.hasNonNull("encryptedKey")) {
                PublicJsonWebKey key = EncryptedKeys.decrypt(p.get("encryptedKey").asText(), password);
                if (key.getKeyId() == null) {
                    key.setKeyId(p.path("key").path("kid").asText());
                }
                return new StepProvisioner(p.path("name").asText(), key);
            }
        }
        throw new IllegalArgumentException(caJson + ": no JWK provisioner with an encryptedKey");
    }
}
