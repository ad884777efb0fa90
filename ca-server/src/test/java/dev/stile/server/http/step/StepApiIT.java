package dev.stile.server.http.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.acme.testing.MutableClock;
import dev.stile.provisioners.jwe.EncryptedKeys;
import dev.stile.server.App;
import dev.stile.authority.keys.KeyMaterial;
import dev.stile.server.config.ConfigLoader;
import dev.stile.server.testsupport.TestCa;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.PbkdfKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The step-ca enrollment API over HTTPS, driven the way the step CLI and step-issuer drive it. */
class StepApiIT {

    static final String PROVISIONER_PASSWORD = "provisioner-password";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static TestCa ca;
    static App app;
    static MutableClock clock;
    static HttpClient anonymous;
    static PublicJsonWebKey admin;
    static PublicJsonWebKey noRenew;
    static X509Certificate intermediate;

    @BeforeAll
    static void start() throws Exception {
        ca = TestCa.create(dir);
        admin = key();
        noRenew = key();
        ObjectNode config = (ObjectNode) JSON.readTree(Files.readString(ca.config()));
        ObjectNode authority = config.putObject("authority");
        var provisioners = authority.putArray("provisioners");
        ObjectNode jwk = provisioners.addObject();
        jwk.put("type", "JWK").put("name", "admin@example.com");
        jwk.set("key", JSON.readTree(admin.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        jwk.put("encryptedKey", EncryptedKeys.encrypt(admin, PROVISIONER_PASSWORD.toCharArray(), EncryptedKeys.STEP_ITERATIONS));
        jwk.putObject("claims").put("allowRenewalAfterExpiry", true).put("maxTLSCertDuration", "2160h");
        ObjectNode nr = provisioners.addObject();
        nr.put("type", "JWK").put("name", "norenew");
        nr.set("key", JSON.readTree(noRenew.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        nr.putObject("claims").put("disableRenewal", true);
        provisioners.addObject().put("type", "ACME").put("name", "acme");
        provisioners.addObject().put("type", "X5C").put("name", "x5c").put("roots",
                java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(ca.rootFile())));
        authority.set("policy", JSON.readTree("{\"x509\":{\"deny\":{\"dns\":[\"forbidden.example.com\"]}}}"));
        config.put("insecureAddress", "127.0.0.1:0");
        config.set("crl", JSON.readTree("{\"enabled\":true,\"generateOnRevoke\":true,\"cacheDuration\":\"24h\"}"));
        Files.writeString(ca.config(), JSON.writeValueAsString(config));
        clock = new MutableClock(Instant.now());
        app = App.start(ConfigLoader.load(ca.config()),
                new App.Options(TestCa.PASSWORD.toCharArray(), clock, Duration.ofSeconds(5), List.of()));
        anonymous = StepClients.client(ca.rootFile(), null, null);
        intermediate = app.authority().intermediates().get(0);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
    }

    static PublicJsonWebKey key() throws Exception {
        PublicJsonWebKey k = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        k.setKeyId(k.calculateBase64urlEncodedThumbprint("SHA-256"));
        k.setAlgorithm("ES256");
        k.setUse("sig");
        return k;
    }

    static String url(String path) {
        return "https://localhost:" + app.port() + path;
    }

    static HttpResponse<String> get(String path) throws Exception {
        return anonymous.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(HttpClient client, String path, Object body, String bearer) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body)));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String signToken(String sub, List<String> sans) {
        return StepClients.token(admin.getPrivateKey(), admin.getKeyId(), "admin@example.com", sub,
                url("/1.0/sign"), sans, clock.instant(), c -> { });
    }

    static ObjectNode signBody(String csr, String ott) {
        ObjectNode b = JSON.createObjectNode();
        b.put("csr", csr).put("ott", ott).put("notBefore", "").put("notAfter", "");
        return b;
    }

    record Enrolled(KeyPair key, X509Certificate cert, List<X509Certificate> chain) {
        HttpClient mtls() {
            return StepClients.client(ca.rootFile(), key.getPrivate(), chain);
        }
    }

    static List<X509Certificate> chainOf(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(r.body());
        List<X509Certificate> chain = new ArrayList<>();
        body.get("certChain").forEach(p -> chain.addAll(KeyMaterial.parseCertificates(p.asText(), "certChain")));
        assertThat(body.get("crt").asText()).isEqualTo(KeyMaterial.toPem(chain.get(0)));
        assertThat(body.get("ca").asText()).isEqualTo(KeyMaterial.toPem(intermediate));
        assertThat(body.get("tlsOptions").get("minVersion").asDouble()).isEqualTo(1.2);
        chain.get(0).verify(intermediate.getPublicKey());
        return chain;
    }

    static Enrolled enroll(String name, String notAfter) throws Exception {
        KeyPair key = StepClients.ecKey();
        ObjectNode body = signBody(StepClients.csr(key, name, List.of(name)), signToken(name, List.of(name)));
        body.put("notAfter", notAfter);
        List<X509Certificate> chain = chainOf(post(anonymous, "/sign", body, null));
        return new Enrolled(key, chain.get(0), chain);
    }

    static JsonNode error(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        return body;
    }

    @Test
    void enrollRenewRekeyRevokeAndTheCrlListsTheSerial() throws Exception {
        Enrolled first = enroll("app.example.com", "48h");
        assertThat(Duration.between(first.cert().getNotBefore().toInstant(), first.cert().getNotAfter().toInstant()))
                .isEqualTo(Duration.ofHours(48).plusMinutes(1));
        assertThat(first.cert().getSubjectAlternativeNames()).extracting(l -> (Object) l.get(1)).containsExactly((Object) "app.example.com");

        List<X509Certificate> renewed = chainOf(post(first.mtls(), "/renew", null, null));
        X509Certificate second = renewed.get(0);
        assertThat(second.getSerialNumber()).isNotEqualTo(first.cert().getSerialNumber());
        assertThat(second.getPublicKey()).isEqualTo(first.cert().getPublicKey());
        assertThat(new ArrayList<>(second.getSubjectAlternativeNames())).isEqualTo(new ArrayList<>(first.cert().getSubjectAlternativeNames()));

        KeyPair newKey = StepClients.ecKey();
        Enrolled current = new Enrolled(first.key(), second, renewed);
        ObjectNode rekey = JSON.createObjectNode().put("csr", StepClients.csr(newKey, "ignored", List.of()));
        X509Certificate third = chainOf(post(current.mtls(), "/1.0/rekey", rekey, null)).get(0);
        assertThat(third.getPublicKey()).isEqualTo(newKey.getPublic());
        assertThat(third.getSubjectX500Principal()).isEqualTo(first.cert().getSubjectX500Principal());

        String serial = third.getSerialNumber().toString();
        String revokeToken = StepClients.token(admin.getPrivateKey(), admin.getKeyId(), "admin@example.com", serial,
                url("/1.0/revoke"), null, clock.instant(), c -> { });
        ObjectNode revoke = JSON.createObjectNode().put("serial", serial).put("ott", revokeToken)
                .put("reasonCode", 1).put("reason", "key lost").put("passive", true);
        HttpResponse<String> revoked = post(anonymous, "/revoke", revoke, null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(JSON.readTree(revoked.body()).get("status").asText()).isEqualTo("ok");

        ObjectNode again = revoke.deepCopy().put("ott", StepClients.token(admin.getPrivateKey(), admin.getKeyId(),
                "admin@example.com", serial, url("/1.0/revoke"), null, clock.instant(), c -> { }));
        assertThat(error(post(anonymous, "/revoke", again, null), 400).get("message").asText())
                .contains("is already revoked");

        ObjectNode active = revoke.deepCopy().put("passive", false);
        error(post(anonymous, "/revoke", active, null), 501);
        ObjectNode badReason = revoke.deepCopy().put("reasonCode", 11);
        error(post(anonymous, "/revoke", badReason, null), 400);
        ObjectNode noAuth = JSON.createObjectNode().put("serial", serial).put("passive", true);
        assertThat(error(post(anonymous, "/revoke", noAuth, null), 400).get("message").asText())
                .isEqualTo("The request could not be completed: missing ott or client certificate.");
        ObjectNode otherSerial = JSON.createObjectNode().put("serial", "12345").put("passive", true);
        error(post(first.mtls(), "/revoke", otherSerial, null), 403);

        // mTLS revocation of the first certificate, by itself.
        ObjectNode self = JSON.createObjectNode().put("serial", "0x" + first.cert().getSerialNumber().toString(16))
                .put("reasonCode", 4).put("passive", true);
        assertThat(post(first.mtls(), "/1.0/revoke", self, null).statusCode()).isEqualTo(200);

        HttpResponse<byte[]> der = anonymous.send(HttpRequest.newBuilder(URI.create(url("/crl"))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(der.statusCode()).isEqualTo(200);
        assertThat(der.headers().firstValue("Content-Type")).contains("application/pkix-crl");
        assertThat(der.headers().firstValue("Expires")).isPresent();
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(der.body()));
        crl.verify(intermediate.getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(intermediate.getSubjectX500Principal());
        assertThat(crl.getRevokedCertificate(third.getSerialNumber())).isNotNull();
        assertThat(crl.getRevokedCertificate(first.cert().getSerialNumber())).isNotNull();
        assertThat(crl.getRevokedCertificate(second.getSerialNumber())).isNull();
        HttpResponse<String> pem = get("/1.0/crl?pem");
        assertThat(pem.body()).startsWith("-----BEGIN X509 CRL-----");
        HttpResponse<byte[]> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + app.stepApi().insecureCrlPort() + "/1.0/crl")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo(der.body());
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + app.stepApi().insecureCrlPort() + "/roots")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

        // A revoked certificate cannot be renewed.
        Enrolled revokedCert = new Enrolled(newKey, third, List.of(third, intermediate));
        error(post(revokedCert.mtls(), "/renew", null, null), 401);
    }

    @Test
    void renewAfterExpiryWithAnX5cInsecureTokenWhereAllowed() throws Exception {
        Enrolled e = enroll("late.example.com", "");
        Instant realNow = clock.instant();
        try {
            clock.advance(Duration.ofHours(25));
            String t = StepClients.renewToken(e.key().getPrivate(), e.cert(), "late.example.com", url("/renew"),
                    clock.instant());
            X509Certificate renewed = chainOf(post(anonymous, "/renew", null, t)).get(0);
            assertThat(renewed.getNotBefore().toInstant()).isAfter(e.cert().getNotAfter().toInstant());
            assertThat(renewed.getPublicKey()).isEqualTo(e.cert().getPublicKey());
            assertThat(error(post(anonymous, "/renew", null, t), 401).get("message").asText())
                    .startsWith("The request lacked necessary authorization");
        } finally {
            clock.set(realNow);
        }
        error(post(anonymous, "/renew", null, null), 400);
    }

    @Test
    void renewalDisabledByTheProvisionerIsRefused() throws Exception {
        KeyPair key = StepClients.ecKey();
        String t = StepClients.token(noRenew.getPrivateKey(), noRenew.getKeyId(), "norenew", "nr.example.com",
                url("/1.0/sign"), List.of("nr.example.com"), clock.instant(), c -> { });
        List<X509Certificate> chain = chainOf(post(anonymous, "/sign",
                signBody(StepClients.csr(key, "nr.example.com", List.of()), t), null));
        HttpClient mtls = StepClients.client(ca.rootFile(), key.getPrivate(), chain);
        assertThat(error(post(mtls, "/renew", null, null), 401).get("message").asText())
                .isEqualTo("The request lacked necessary authorization to be completed. Please see the certificate authority logs for more info.");
    }

    @Test
    void tokenFailuresAreGeneric401sAndNothingIsIssued() throws Exception {
        KeyPair key = StepClients.ecKey();
        String csr = StepClients.csr(key, "a.example.com", List.of("a.example.com"));
        String t = signToken("a.example.com", List.of("a.example.com"));
        chainOf(post(anonymous, "/sign", signBody(csr, t), null));
        error(post(anonymous, "/sign", signBody(csr, t), null), 401);

        String wrongAud = StepClients.token(admin.getPrivateKey(), admin.getKeyId(), "admin@example.com", "a.example.com",
                "https://ca.elsewhere.example/1.0/sign", List.of("a.example.com"), clock.instant(), c -> { });
        error(post(anonymous, "/sign", signBody(csr, wrongAud), null), 401);

        String expired = StepClients.token(admin.getPrivateKey(), admin.getKeyId(), "admin@example.com", "a.example.com",
                url("/1.0/sign"), List.of("a.example.com"), clock.instant().minusSeconds(600), c -> c.setIssuedAt(
                        org.jose4j.jwt.NumericDate.fromSeconds(clock.instant().getEpochSecond())));
        error(post(anonymous, "/sign", signBody(csr, expired), null), 401);

        String notYet = StepClients.token(admin.getPrivateKey(), admin.getKeyId(), "admin@example.com", "a.example.com",
                url("/1.0/sign"), List.of("a.example.com"), clock.instant(), c -> c.setNotBefore(
                        org.jose4j.jwt.NumericDate.fromSeconds(clock.instant().getEpochSecond() + 600)));
        error(post(anonymous, "/sign", signBody(csr, notYet), null), 401);

        String otherKey = StepClients.token(noRenew.getPrivateKey(), admin.getKeyId(), "admin@example.com",
                "a.example.com", url("/1.0/sign"), List.of("a.example.com"), clock.instant(), c -> { });
        error(post(anonymous, "/sign", signBody(csr, otherKey), null), 401);
    }

    @Test
    void csrAndPolicyRefusalsAre403sThatNameTheProblem() throws Exception {
        KeyPair key = StepClients.ecKey();
        String extraSan = StepClients.csr(key, "b.example.com", List.of("b.example.com", "evil.example.com"));
        assertThat(error(post(anonymous, "/sign", signBody(extraSan, signToken("b.example.com", List.of("b.example.com"))),
                null), 403).get("message").asText())
                .startsWith("The request was forbidden by the certificate authority: certificate request DNS names")
                .contains("evil.example.com");

        String forbidden = StepClients.csr(key, "forbidden.example.com", List.of("forbidden.example.com"));
        assertThat(error(post(anonymous, "/1.0/sign", signBody(forbidden,
                signToken("forbidden.example.com", List.of("forbidden.example.com"))), null), 403).get("message").asText())
                .contains("does not allow DNS name \"forbidden.example.com\"");

        String tooLong = StepClients.csr(key, "c.example.com", List.of());
        ObjectNode body = signBody(tooLong, signToken("c.example.com", List.of("c.example.com")));
        body.put("notAfter", "4000h");
        assertThat(error(post(anonymous, "/sign", body, null), 403).get("message").asText())
                .contains("is more than the authorized maximum certificate duration");

        assertThat(error(post(anonymous, "/sign", signBody("", "x"), null), 400).get("message").asText())
                .isEqualTo("The request could not be completed: missing csr.");
        assertThat(error(post(anonymous, "/sign", signBody(tooLong, ""), null), 400).get("message").asText())
                .isEqualTo("The request could not be completed: missing ott.");
    }

    @Test
    void absurdNumbersAreA400NotA500() throws Exception {
        KeyPair key = StepClients.ecKey();
        String csr = StepClients.csr(key, "n.example.com", List.of("n.example.com"));
        String farExp = StepClients.token(admin.getPrivateKey(), admin.getKeyId(), "admin@example.com", "n.example.com",
                url("/1.0/sign"), List.of("n.example.com"), clock.instant(), c -> c.setClaim("exp", 1e300));

        assertThat(error(post(anonymous, "/sign", signBody(csr, farExp), null), 400).get("message").asText())
                .contains("token claim exp is not a time between 1970 and 9999");

        ObjectNode body = signBody(csr, signToken("n.example.com", List.of("n.example.com")));
        body.put("notAfter", "1e300h");
        assertThat(post(anonymous, "/sign", body, null).statusCode()).isBetween(400, 499);
    }

    @Test
    void provisionersArePagedAndTheEncryptedKeyDecryptsWithThePassword() throws Exception {
        HttpResponse<String> page1 = get("/provisioners?limit=2");
        assertThat(page1.statusCode()).isEqualTo(200);
        JsonNode p1 = JSON.readTree(page1.body());
        assertThat(p1.get("provisioners")).hasSize(2);
        assertThat(p1.get("provisioners").get(0).get("type").asText()).isEqualTo("JWK");
        assertThat(p1.get("provisioners").get(0).get("encryptedKey").asText()).contains(".");
        String cursor = p1.get("nextCursor").asText();
        assertThat(cursor).isNotEmpty();
        JsonNode p2 = JSON.readTree(get("/1.0/provisioners?limit=2&cursor=" + cursor).body());
        assertThat(p2.get("provisioners").get(0).get("name").asText()).isEqualTo("acme");
        error(get("/provisioners?limit=ten"), 400);

        HttpResponse<String> key = get("/provisioners/" + admin.getKeyId() + "/encrypted-key");
        assertThat(key.statusCode()).isEqualTo(200);
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                "PBES2-HS256+A128KW"));
        jwe.setCompactSerialization(JSON.readTree(key.body()).get("key").asText());
        jwe.setKey(new PbkdfKey(PROVISIONER_PASSWORD));
        PublicJsonWebKey decrypted = (PublicJsonWebKey) JsonWebKey.Factory.newJwk(jwe.getPlaintextString());
        assertThat(decrypted.getKeyId()).isEqualTo(admin.getKeyId());
        // Compared by value: with the native provider first in the JVM, both are its key objects,
        // whose equals() is not value-based.
        assertThat(((java.security.interfaces.ECPrivateKey) decrypted.getPrivateKey()).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) admin.getPrivateKey()).getS());
        error(get("/provisioners/nope/encrypted-key"), 404);
    }

    @Test
    void provisionersAddedToCaJsonArePickedUpWithoutARestart() throws Exception {
        ObjectNode config = (ObjectNode) JSON.readTree(Files.readString(ca.config()));
        ((com.fasterxml.jackson.databind.node.ArrayNode) config.get("authority").get("provisioners")).addObject()
                .put("type", "ACME").put("name", "added-later");
        Files.writeString(ca.config(), JSON.writeValueAsString(config));
        Instant deadline = Instant.now().plusSeconds(20);
        boolean seen = false;
        while (!seen && Instant.now().isBefore(deadline)) {
            seen = get("/provisioners?limit=100").body().contains("\"added-later\"");
            if (!seen) {
                Thread.sleep(500);
            }
        }
        assertThat(seen).as("provisioner added to ca.json is listed within 20 s").isTrue();
    }

    @Test
    void x5cTokensSignedWithAnIssuedCertificateGetCertificatesInsideItsValidity() throws Exception {
        Enrolled device = enroll("device.example.com", "");
        List<String> x5c = List.of(java.util.Base64.getEncoder().encodeToString(device.cert().getEncoded()),
                java.util.Base64.getEncoder().encodeToString(intermediate.getEncoded()));
        java.util.function.Function<String, String> token = aud -> {
            org.jose4j.jwt.JwtClaims c = new org.jose4j.jwt.JwtClaims();
            c.setIssuer("x5c");
            c.setSubject("device.example.com");
            c.setStringClaim("aud", aud);
            long now = clock.instant().getEpochSecond();
            c.setNotBefore(org.jose4j.jwt.NumericDate.fromSeconds(now));
            c.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(now));
            c.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now + 300));
            c.setJwtId(StepClients.jti());
            c.setStringListClaim("sans", List.of("device.example.com"));
            try {
                org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
                jws.setPayload(c.toJson());
                jws.setKey(device.key().getPrivate());
                jws.setAlgorithmHeaderValue("ES256");
                jws.getHeaders().setObjectHeaderValue("x5c", x5c);
                return jws.getCompactSerialization();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        KeyPair key = StepClients.ecKey();
        String csr = StepClients.csr(key, "device.example.com", List.of());
        X509Certificate issued = chainOf(post(anonymous, "/sign",
                signBody(csr, token.apply(url("/1.0/sign#x5c/x5c"))), null)).get(0);
        assertThat(issued.getNotAfter()).isBeforeOrEqualTo(device.cert().getNotAfter());
        assertThat(issued.getPublicKey()).isEqualTo(key.getPublic());

        ObjectNode longer = signBody(csr, token.apply(url("/1.0/sign#x5c/x5c")));
        longer.put("notAfter", "48h");
        assertThat(error(post(anonymous, "/sign", longer, null), 403).get("message").asText())
                .contains("is after the x5c certificate's notAfter");
        error(post(anonymous, "/sign", signBody(csr, token.apply(url("/1.0/sign#x5c/other"))), null), 401);
    }

    @Test
    void acmeRevocationSharesTheInventoryRenewalRefusalAndCrl() throws Exception {
        Enrolled e = enroll("acme-revoked.example.com", "");
        var port = app.stepApi().revocations();
        assertThat(port.revoke(intermediate, 0, "someone")).isEqualTo(dev.stile.acme.port.RevocationPort.Result.UNKNOWN_CERTIFICATE);
        assertThat(port.revoke(e.cert(), 4, "acct-1")).isEqualTo(dev.stile.acme.port.RevocationPort.Result.REVOKED);
        assertThat(port.revoke(e.cert(), 4, "acct-1")).isEqualTo(dev.stile.acme.port.RevocationPort.Result.ALREADY_REVOKED);
        assertThat(port.revokedAt(e.cert().getSerialNumber().toString(16))).isPresent();
        error(post(e.mtls(), "/renew", null, null), 401);
        HttpResponse<byte[]> der = anonymous.send(HttpRequest.newBuilder(URI.create(url("/crl"))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der.body()));
        assertThat(crl.getRevokedCertificate(e.cert().getSerialNumber()).getRevocationReason())
                .isEqualTo(java.security.cert.CRLReason.SUPERSEDED);
    }

    /** Issue 12: a /1.0/sign and a /1.0/rekey parse and verify their CSR once (the JFR profile showed two checks). */
    @Test
    void signAndRekeyVerifyTheCsrSignatureOnce() throws Exception {
        KeyPair key = StepClients.ecKey();
        ObjectNode body = signBody(StepClients.csr(key, "once.example.com", List.of("once.example.com")),
                signToken("once.example.com", List.of("once.example.com")));
        long before = dev.stile.authority.csr.CsrVerifications.count();
        List<X509Certificate> chain = chainOf(post(anonymous, "/1.0/sign", body, null));
        assertThat(dev.stile.authority.csr.CsrVerifications.count() - before)
                .as("CSR signature verifications in one /1.0/sign").isEqualTo(1);

        Enrolled enrolled = new Enrolled(key, chain.get(0), chain);
        ObjectNode rekey = JSON.createObjectNode().put("csr", StepClients.csr(StepClients.ecKey(), "ignored", List.of()));
        before = dev.stile.authority.csr.CsrVerifications.count();
        chainOf(post(enrolled.mtls(), "/1.0/rekey", rekey, null));
        assertThat(dev.stile.authority.csr.CsrVerifications.count() - before)
                .as("CSR signature verifications in one /1.0/rekey").isEqualTo(1);
    }
}
