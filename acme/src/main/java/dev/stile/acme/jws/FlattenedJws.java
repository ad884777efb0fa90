package dev.stile.acme.jws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.acme.problem.AcmeException;

import java.io.IOException;
import java.util.Base64;

/**
 * A JWS in JSON serialization (RFC 7515 §7.2), reduced to its three parts. The flattened form is
 * what ACME requires (RFC 8555 §6.2); the general form is accepted with exactly one signature, as
 * step-ca does, because some clients send it.
 */
record FlattenedJws(String protectedB64, String payloadB64, String signatureB64, JsonNode header) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static FlattenedJws parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw AcmeException.malformed("the request body is not JSON: " + e.getMessage().split("\n", 2)[0]);
        }
        if (root == null || !root.isObject()) {
            throw AcmeException.malformed("the request body must be a JWS in flattened JSON serialization");
        }
        JsonNode sig = root;
        if (root.has("signatures")) {
            JsonNode sigs = root.get("signatures");
            if (!sigs.isArray() || sigs.size() != 1) {
                throw AcmeException.malformed("the JWS must carry exactly one signature, it has "
                        + (sigs.isArray() ? sigs.size() : 0));
            }
            sig = sigs.get(0);
        }
        JsonNode unprotected = sig.get("header");
        if (unprotected != null && !(unprotected.isObject() && unprotected.isEmpty())) {
            throw AcmeException.malformed("the JWS must not have an unprotected header (RFC 8555 §6.2)");
        }
        String prot = text(sig, "protected");
        String payload = text(root, "payload");
        String signature = text(sig, "signature");
        if (prot.isEmpty()) {
            throw AcmeException.malformed("the JWS has an empty protected header");
        }
        JsonNode header;
        try {
            header = JSON.readTree(Base64.getUrlDecoder().decode(prot));
        } catch (IOException | IllegalArgumentException e) {
            throw AcmeException.malformed("the JWS protected header is not base64url-encoded JSON");
        }
        if (header == null || !header.isObject()) {
            throw AcmeException.malformed("the JWS protected header is not a JSON object");
        }
        return new FlattenedJws(prot, payload, signature, header);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw AcmeException.malformed("the JWS has no \"" + field + "\" member");
        }
        return v.asText();
    }

    /** The compact serialization (the same bytes were signed). */
    String compact() {
        return protectedB64 + "." + payloadB64 + "." + signatureB64;
    }

    /** What was signed: {@code ASCII(protected || '.' || payload)} (RFC 7515 §5.2). */
    byte[] signingInput() {
        return (protectedB64 + "." + payloadB64).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    byte[] signature() {
        try {
            return Base64.getUrlDecoder().decode(signatureB64);
        } catch (IllegalArgumentException e) {
            throw AcmeException.malformed("the JWS signature is not base64url");
        }
    }

    String headerText(String name) {
        JsonNode v = header.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    byte[] payload() {
        try {
            return Base64.getUrlDecoder().decode(payloadB64);
        } catch (IllegalArgumentException e) {
            throw AcmeException.malformed("the JWS payload is not base64url");
        }
    }
}
