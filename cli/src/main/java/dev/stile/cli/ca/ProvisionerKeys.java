package dev.stile.cli.ca;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.provisioners.jwe.EncryptedKeys;
import org.jose4j.jwk.PublicJsonWebKey;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Fetches a JWK provisioner's encrypted private key ({@code GET /provisioners/{kid}/encrypted-key})
 * and decrypts it with the password, as {@code step ca token} does.
 */
final class ProvisionerKeys {

    /**
     * PBES2 iteration counts above what step itself writes (600 000) only cost us CPU time: a CA
     * serving such a key is broken or hostile.
     */
    static final long MAX_ITERATIONS = 600_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProvisionerKeys() {
    }

    static String fetch(CaClient client, String kid) {
        String path = "/provisioners/" + URLEncoder.encode(kid, StandardCharsets.UTF_8).replace("+", "%20")
                + "/encrypted-key";
        JsonNode body = client.getJson(path);
        JsonNode key = body.get("key");
        if (key == null || !key.isTextual() || key.asText().isBlank()) {
            throw CliException.refused(client.url(path) + " answered without a \"key\"");
        }
        return key.asText();
    }

    /**
     * @param passwordSource where the password came from, for the error message
     * @throws CliException (usage) when the password is wrong; (refused) when the JWE is unusable
     */
    static PublicJsonWebKey decrypt(String jwe, char[] password, String provisioner, String passwordSource) {
        String why = EncryptedKeys.whyNotCompactJwe(jwe);
        if (why != null) {
            throw CliException.refused("the encrypted key of provisioner '" + provisioner + "' is not a compact JWE: " + why);
        }
        long iterations = iterations(jwe);
        if (iterations > MAX_ITERATIONS) {
            throw CliException.refused("the encrypted key of provisioner '" + provisioner + "' asks for " + iterations
                    + " PBES2 iterations; more than " + MAX_ITERATIONS + " is refused");
        }
        try {
            return EncryptedKeys.decrypt(jwe, password);
        } catch (GeneralSecurityException e) {
            throw CliException.usage("cannot decrypt the key of provisioner '" + provisioner + "' with the password from "
                    + passwordSource + ": wrong password", e);
        }
    }

    private static long iterations(String jwe) {
        String header = jwe.trim().substring(0, jwe.trim().indexOf('.'));
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(header));
            JsonNode p2c = node == null ? null : node.get("p2c");
            return p2c == null || !p2c.canConvertToLong() ? 0 : p2c.asLong();
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        }
    }
}
