package dev.stile.provisioners.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.stile.provisioners.AuthorizationException;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.provisioners.StepTokens;
import dev.stile.provisioners.TestPki;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class K8sSaAndOidcTokenTest {

    final Instant now = Instant.now();
    final KeyPair saKey = TestPki.rsaKey(2048);
    PublicJsonWebKey idpKey = StepTokens.provisionerKey();
    HttpServer idp;
    String issuer;
    final AtomicInteger jwksFetches = new AtomicInteger();

    @BeforeEach
    void startIdentityProvider() throws Exception {
        idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + idp.getAddress().getPort();
        idp.createContext("/.well-known/openid-configuration", ex -> {
            byte[] b = ("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\"}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        idp.createContext("/jwks", ex -> {
            jwksFetches.incrementAndGet();
            byte[] b = new JsonWebKeySet(idpKey).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        idp.createContext("/broken", ex -> {
            ex.sendResponseHeaders(503, -1);
            ex.close();
        });
        idp.start();
    }

    @AfterEach
    void stop() {
        idp.stop(0);
    }

    TokenVerifier verifier(String oidcEndpoint) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ProvisionerRegistry r = ProvisionerRegistry.load(List.of(
                m.readTree("{\"type\":\"K8sSA\",\"name\":\"k8s\",\"publicKeys\":\""
                        + TestPki.base64(TestPki.pemPublicKey(saKey.getPublic())) + "\"}"),
                m.readTree("{\"type\":\"OIDC\",\"name\":\"idp\",\"clientID\":\"stile\",\"configurationEndpoint\":\""
                        + oidcEndpoint + "\",\"admins\":[\"root@example.com\"],\"domains\":[\"example.com\"],"
                        + "\"groups\":[\"pki\"]}")), null);
        return new TokenVerifier(() -> r, new Audiences(List.of("ca.example.com")),
                new InMemoryTokenStore(Clock.systemUTC(), 100), Clock.fixed(now, ZoneOffset.UTC), null,
                List.of(), List.of(), OidcDiscovery.withDefaults(Clock.systemUTC()));
    }

    String saToken(KeyPair key) {
        JwtClaims c = new JwtClaims();
        c.setIssuer("kubernetes/serviceaccount");
        c.setSubject("system:serviceaccount:default:app");
        c.setStringClaim("kubernetes.io/serviceaccount/namespace", "default");
        return StepTokens.sign(c, key.getPrivate(), null, Map.of(), x -> { });
    }

    String idToken(String email, List<String> groups, String nonce) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(issuer);
        c.setAudience("stile");
        c.setSubject("user-1");
        c.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        c.setExpirationTime(NumericDate.fromSeconds(now.getEpochSecond() + 600));
        c.setStringClaim("email", email);
        c.setClaim("email_verified", true);
        c.setStringListClaim("groups", groups);
        c.setStringClaim("nonce", nonce);
        return StepTokens.sign(c, idpKey.getPrivateKey(), idpKey.getKeyId(), Map.of(), x -> { });
    }

    static String reason(Runnable r) {
        try {
            r.run();
        } catch (AuthorizationException e) {
            return e.reason();
        }
        throw new AssertionError("expected an AuthorizationException");
    }

    @Test
    void k8sServiceAccountTokensVerifyAgainstTheConfiguredKeysAndMayBeReused() throws Exception {
        TokenVerifier v = verifier(issuer + "/.well-known/openid-configuration");
        String t = saToken(saKey);
        VerifiedToken vt = v.authorizeSign(t);
        assertThat(vt.provisioner().name()).isEqualTo("k8s");
        assertThat(vt.names()).isEqualTo(VerifiedToken.NameSource.CSR);
        v.authorizeSign(t);
        assertThat(reason(() -> v.authorizeSign(saToken(TestPki.rsaKey(2048))))).contains("signature does not verify");
    }

    @Test
    void oidcTokenOfAUserGrantsOnlyTheirEmail() throws Exception {
        TokenVerifier v = verifier(issuer + "/.well-known/openid-configuration");
        VerifiedToken t = v.authorizeSign(idToken("jane@example.com", List.of("pki"), "n-1"));
        assertThat(t.provisioner().name()).isEqualTo("idp");
        assertThat(t.names()).isEqualTo(VerifiedToken.NameSource.EMAIL);
        assertThat(t.email()).contains("jane@example.com");
        assertThat(t.tokenId()).isEqualTo("n-1");
        assertThat(reason(() -> v.authorizeSign(idToken("jane@example.com", List.of("pki"), "n-1"))))
                .contains("token already used");
        assertThat(reason(() -> v.authorizeSign(idToken("jane@other.org", List.of("pki"), "n-2"))))
                .contains("email domain other.org is not one of [example.com]");
        assertThat(reason(() -> v.authorizeSign(idToken("jane@example.com", List.of("dev"), "n-3"))))
                .contains("in none of the groups [pki]");
        VerifiedToken admin = v.authorizeSign(idToken("root@example.com", List.of(), "n-4"));
        assertThat(admin.names()).isEqualTo(VerifiedToken.NameSource.CSR);
        assertThat(jwksFetches.get()).isEqualTo(1);
    }

    @Test
    void rotatedIdentityProviderKeysAreRefetchedOnlyWhenTheCacheIsOlderThanAMinute() throws Exception {
        TokenVerifier v = verifier(issuer + "/.well-known/openid-configuration");
        v.authorizeSign(idToken("jane@example.com", List.of("pki"), "a"));
        idpKey = StepTokens.provisionerKey();
        assertThat(reason(() -> v.authorizeSign(idToken("jane@example.com", List.of("pki"), "b"))))
                .contains("no key with kid");
        assertThat(jwksFetches.get()).isEqualTo(1);
    }

    @Test
    void discoveryFailuresSayWhatFailed() throws Exception {
        assertThat(reason(() -> call(() -> verifier(issuer + "/broken").authorizeSign(idToken("j@example.com", List.of("pki"), "x")))))
                .contains("answered HTTP 503");
        assertThat(reason(() -> call(() -> verifier("http://idp.example.com/.well-known/openid-configuration")
                .authorizeSign(idToken("j@example.com", List.of("pki"), "y")))))
                .contains("must use https (plain http only to loopback addresses)");
        int closedPort;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        int port = closedPort;
        assertThat(reason(() -> call(() -> verifier("http://127.0.0.1:" + port + "/x")
                .authorizeSign(idToken("j@example.com", List.of("pki"), "z")))))
                .contains("cannot connect to fetch the OpenID configuration from http://127.0.0.1:" + port);
    }

    interface Call {
        void run() throws Exception;
    }

    static void call(Call c) {
        try {
            c.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
