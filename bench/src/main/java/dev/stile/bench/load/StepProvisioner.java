package dev.stile.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.provisioners.jwe.EncryptedKeys;
import org.jose4j.jwk.PublicJsonWebKey;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The first JWK provisioner of a CA made by {@code stile init}, with its private key decrypted from
 * {@code encryptedKey} with the provisioner password, as {@code step ca token} does.
 *
 * @param name the provisioner name (token {@code iss})
 * @param key  the private JWK; its {@code kid} goes into the token header
 */
record StepProvisioner(String name, PublicJsonWebKey key) {

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
