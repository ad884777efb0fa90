package dev.stile.cli.ca;

import com.fasterxml.jackson.databind.JsonNode;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code stile admin} needs from the enrolment flow: a fresh key and a certificate for the
 * admin subject from a JWK provisioner ({@code /sign}), as {@code step ca admin} gets one. The
 * key never leaves memory.
 */
public final class AdminCertificates {

    /** The admin's chain (leaf first) and private key. */
    public record Credential(List<X509Certificate> chain, PrivateKey key) {
    }

    private AdminCertificates() {
    }

    public static Credential obtain(CaConnectionOptions.Connection ca, CaClient client, ProvisionerOptions.Signer signer,
                                    String subject, Instant now) {
        KeyPair keys = KeysAndRequests.generate("EC", "P-256", null);
        String token = TokenFactory.sign(signer.key(), signer.name(), subject, List.of(subject), client.baseUrl(),
                ca.fingerprint(), now, now.plus(TokenValidity.DEFAULT), now);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("csr", KeysAndRequests.csrPem(keys, subject, List.of(subject)));
        request.put("ott", token);
        JsonNode body = client.postJson("/sign", request, null);
        List<X509Certificate> chain = SignResponses.chain(body, client.url("/sign"));
        SignResponses.requireKey(chain, keys.getPublic(), client.url("/sign"));
        return new Credential(chain, keys.getPrivate());
    }
}
