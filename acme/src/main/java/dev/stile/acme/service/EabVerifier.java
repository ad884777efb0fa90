package dev.stile.acme.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stile.acme.jws.VerifiedRequest;
import dev.stile.acme.model.KeyAuthorization;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.acme.store.EabKey;
import dev.stile.acme.store.EabKeyStore;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.util.Set;

/**
 * Checks an {@code externalAccountBinding} (RFC 8555 §7.3.4): a JWS MACed with an operator-issued
 * key (HS256/384/512), {@code kid} = the EAB key id, {@code url} = the newAccount URL, no nonce,
 * and as payload exactly the account key of the outer JWS.
 */
final class EabVerifier {

    private static final Set<String> ALGS = Set.of("HS256", "HS384", "HS512");

    private final EabKeyStore keys;

    EabVerifier(EabKeyStore keys) {
        this.keys = keys;
    }

    /** Returns the verified, still unbound key. */
    EabKey verify(JsonNode eab, VerifiedRequest outer, String provisioner) {
        if (!eab.isObject() || !eab.path("protected").isTextual() || !eab.path("payload").isTextual()
                || !eab.path("signature").isTextual()) {
            throw AcmeException.malformed("\"externalAccountBinding\" must be a flattened JWS with protected, payload and signature");
        }
        String compact = eab.get("protected").asText() + "." + eab.get("payload").asText() + "." + eab.get("signature").asText();
        JsonWebSignature jws = new JsonWebSignature();
        try {
            jws.setCompactSerialization(compact);
        } catch (JoseException e) {
            throw AcmeException.malformed("the external account binding JWS cannot be parsed: " + e.getMessage());
        }
        String alg = jws.getAlgorithmHeaderValue();
        if (alg == null || !ALGS.contains(alg)) {
            throw new AcmeException(AcmeProblem.BAD_SIGNATURE_ALGORITHM,
                    "the external account binding must use HS256, HS384 or HS512, not " + alg);
        }
        if (jws.getHeaders().getObjectHeaderValue("nonce") != null) {
            throw AcmeException.malformed("the external account binding JWS must not contain a nonce (RFC 8555 §7.3.4)");
        }
        if (!outer.url().equals(jws.getHeaders().getStringHeaderValue("url"))) {
            throw AcmeException.malformed("the external account binding url must equal the newAccount URL " + outer.url());
        }
        String keyId = jws.getKeyIdHeaderValue();
        EabKey key = keyId == null ? null : keys.find(keyId).orElse(null);
        if (key == null || !provisioner.equals(key.provisioner())) {
            throw AcmeException.unauthorized("the external account binding key id \"" + keyId
                    + "\" is not known to provisioner " + provisioner);
        }
        if (key.boundAccountId() != null) {
            throw AcmeException.unauthorized("the external account binding key \"" + keyId
                    + "\" is already bound to another account; ask the operator for a new one");
        }
        jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg));
        jws.setKey(new HmacKey(key.hmacKey()));
        jws.setDoKeyValidation(false);
        try {
            if (!jws.verifySignature()) {
                throw AcmeException.unauthorized("the external account binding MAC does not verify with key \"" + keyId + "\"");
            }
            PublicJsonWebKey bound = PublicJsonWebKey.Factory.newPublicJwk(jws.getPayload());
            if (!KeyAuthorization.thumbprint(bound).equals(outer.thumbprint())) {
                throw AcmeException.malformed("the external account binding payload is not the account key of this request");
            }
        } catch (JoseException e) {
            throw AcmeException.malformed("the external account binding payload is not a JWK: " + e.getMessage());
        }
        return key;
    }
}
