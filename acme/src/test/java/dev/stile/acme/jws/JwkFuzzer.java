package dev.stile.acme.jws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.acme.model.KeyAuthorization;
import dev.stile.acme.problem.AcmeException;
import org.jose4j.jwk.PublicJsonWebKey;

import java.io.IOException;

/**
 * Fuzz target: a {@code jwk} protected-header member (RFC 7517) as new-account and revoke-cert
 * receive it: parsed and checked against each algorithm Stile accepts, then thumbprinted (RFC
 * 7638) as the verifier does. Input that is not JSON never reaches this parser and is skipped.
 * The documented refusal is {@link AcmeException}; anything else is a crash.
 */
public final class JwkFuzzer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ALGORITHMS = {"ES256", "ES384", "ES512", "RS256", "PS256", "EdDSA"};

    private JwkFuzzer() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        JsonNode node;
        try {
            node = JSON.readTree(data);
        } catch (IOException notJson) {
            return;
        }
        for (String alg : ALGORITHMS) {
            try {
                PublicJsonWebKey key = KeyPolicy.parseAndCheck(JwsVerifier.toMap(node), alg);
                KeyAuthorization.thumbprint(key);
            } catch (AcmeException refused) {
                // the documented answer to an unacceptable key
            }
        }
    }
}
