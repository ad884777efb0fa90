package dev.stile.server.http.admin;

import dev.stile.server.App;
import dev.stile.authority.IssueRequest;
import dev.stile.authority.IssuedCertificate;
import dev.stile.authority.ProvisionerIdentity;
import dev.stile.authority.SubjectAlternativeNames;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * An admin as the step CLI is one: a client certificate issued by the CA through a provisioner,
 * and a fresh admin JWT per request (step-ca-api.md 7.2).
 */
final class AdminClient {

    private final App app;
    private final HttpClient http;
    private final Clock clock;
    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private AdminClient(App app, HttpClient http, Clock clock, PrivateKey key, List<X509Certificate> chain) {
        this.app = app;
        this.http = http;
        this.clock = clock;
        this.key = key;
        this.chain = chain;
    }

    /** An admin whose certificate names {@code subject} and was issued through {@code provisioner}. */
    static AdminClient issue(App app, HttpClient http, Clock clock, String subject, String provisioner) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        IssuedCertificate issued = app.authority().issue(new IssueRequest(pair.getPublic(), subject,
                SubjectAlternativeNames.classify(List.of(subject)), null, null, null,
                new ProvisionerIdentity(provisioner, "JWK", "kid-1"), subject));
        return new AdminClient(app, http, clock, pair.getPrivate(), issued.chain());
    }

    /** The same key and chain, signing differently (for negative tests). */
    AdminClient withChain(List<X509Certificate> otherChain, PrivateKey otherKey) {
        return new AdminClient(app, http, clock, otherKey, otherChain);
    }

    String token(String path) throws Exception {
        return token(path, "https://localhost:" + app.port() + path, 300, UUID.randomUUID().toString());
    }

    String token(String path, String audience, long lifetimeSeconds, String jti) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("step-admin-client/1.0");
        claims.setSubject("step");
        claims.setAudience(audience);
        claims.setJwtId(jti);
        long now = clock.instant().getEpochSecond();
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setNotBefore(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + lifetimeSeconds));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setCertificateChainHeaderValue(chain.toArray(new X509Certificate[0]));
        jws.setKey(key);
        return jws.getCompactSerialization();
    }

    HttpResponse<String> send(String method, String pathAndQuery, String body) throws Exception {
        String path = URI.create(pathAndQuery).getPath();
        return sendWith(method, pathAndQuery, body, token(path));
    }

    HttpResponse<String> sendWith(String method, String pathAndQuery, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://localhost:" + app.port() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    List<X509Certificate> chain() {
        return chain;
    }
}
