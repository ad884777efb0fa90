package dev.stile.server.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.provisioners.jwe.EncryptedKeys;
import dev.stile.server.http.step.StepClients;
import dev.stile.server.http.admin.linkedca.LinkedcaProvisioners;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static dev.stile.server.http.admin.AdminTestCa.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API as {@code step ca provisioner ...} and {@code step ca policy ...} use it in admin
 * mode: linkedca protojson bodies, lookups by name and id, and policies that /sign obeys at once.
 */
class AdminLinkedcaIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static AdminTestCa ca;

    @BeforeAll
    static void start() throws Exception {
        ca = AdminTestCa.start(dir, "",
                "");
    }

    @AfterAll
    static void stop() {
        if (ca != null) {
            ca.stop();
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A new key pair as {@code step ca provisioner add NAME --type JWK --create} makes it. */
    private static EllipticCurveJsonWebKey stepKey() throws Exception {
        EllipticCurveJsonWebKey jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        jwk.setUse("sig");
        jwk.setAlgorithm("ES256");
        return jwk;
    }

    /** The body {@code step ca provisioner add NAME --type JWK --create} sends (protojson.Marshal output). */
    private static String stepAddJwk(String name, EllipticCurveJsonWebKey jwk) {
        String jwe = EncryptedKeys.encrypt(jwk, "provisioner-password".toCharArray(), 1000);
        return "{\"type\":\"JWK\",\"name\":\"" + name + "\",\"details\":{\"JWK\":{\"publicKey\":\""
                + b64(jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)) + "\",\"encryptedPrivateKey\":\"" + b64(jwe)
                + "\"}},\"claims\":{\"x509\":{\"enabled\":true,\"durations\":{}},\"ssh\":{\"enabled\":true,"
                + "\"userDurations\":{},\"hostDurations\":{}}},\"x509Template\":{},\"sshTemplate\":{}}";
    }

    /** POST /1.0/sign with a token of JWK provisioner {@code provisioner} for {@code name}. */
    private static HttpResponse<String> sign(EllipticCurveJsonWebKey jwk, String provisioner, String name) throws Exception {
        String ott = StepClients.token(jwk.getPrivateKey(), jwk.getKeyId(), provisioner, name,
                "https://localhost:" + ca.app.port() + "/1.0/sign", List.of(name), ca.clock.instant(), c -> { });
        String body = JSON.createObjectNode().put("ott", ott)
                .put("csr", StepClients.csr(StepClients.ecKey(), name, List.of(name))).toString();
        return ca.https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + ca.app.port() + "/1.0/sign"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static X509Certificate certificate(HttpResponse<String> signed) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(json(signed).get("crt").asText().getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void stepProvisionerAddGetUpdateSignDelete() throws Exception {
        EllipticCurveJsonWebKey jwk = stepKey();
        String add = stepAddJwk("step-jwk", jwk);
        assertThat(ca.root.sendWith("POST", "/admin/provisioners", add, null).statusCode()).isEqualTo(401);
        HttpResponse<String> created = ca.root.send("POST", "/admin/provisioners", add);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode p = json(created);
        String id = LinkedcaProvisioners.idOf("step-jwk");
        assertThat(p.get("id").asText()).isEqualTo(id);
        assertThat(p.get("authorityId").asText()).isEqualTo("stile");
        assertThat(p.get("type").asText()).isEqualTo("JWK");
        JsonNode key = JSON.readTree(Base64.getDecoder().decode(p.at("/details/JWK/publicKey").asText()));
        assertThat(key.get("kid").asText()).isEqualTo(jwk.getKeyId());
        assertThat(new String(Base64.getDecoder().decode(p.at("/details/JWK/encryptedPrivateKey").asText()),
                StandardCharsets.UTF_8).split("\\.")).hasSize(5);
        // In ca.json it is a plain JWK provisioner (key object, encryptedKey string), served by /provisioners.
        JsonNode onDisk = JSON.readTree(Files.readString(ca.caJson)).at("/authority/provisioners/2");
        assertThat(onDisk.get("key").get("kid").asText()).isEqualTo(jwk.getKeyId());
        assertThat(onDisk.get("encryptedKey").asText()).startsWith("ey");

        assertThat(json(ca.root.send("GET", "/admin/provisioners/step-jwk", null))).isEqualTo(p);
        assertThat(json(ca.root.send("GET", "/admin/provisioners/id?id=" + id, null))).isEqualTo(p);
        assertThat(ca.root.send("GET", "/admin/provisioners/id?id=00000000-0000-0000-0000-000000000000", null)
                .statusCode()).isEqualTo(404);

        // step ca provisioner update: GET, change the claims, PUT the whole object back.
        ObjectNode changed = p.deepCopy();
        changed.putObject("claims").putObject("x509").put("enabled", true).putObject("durations")
                .put("default", "1h").put("max", "2h");
        HttpResponse<String> put = ca.root.send("PUT", "/admin/provisioners/step-jwk", changed.toString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(json(put).at("/claims/x509/durations/default").asText()).isEqualTo("1h");
        assertThat(json(ca.root.send("GET", "/admin/provisioners/step-jwk", null)).at("/claims/x509/durations/max")
                .asText()).isEqualTo("2h");

        HttpResponse<String> signed = sign(jwk, "step-jwk", "app.example");
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
        X509Certificate cert = certificate(signed);
        long hours = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).toMinutes();
        assertThat(hours).as("default lifetime from the updated claims, plus backdate").isBetween(60L, 62L);

        assertThat(ca.root.send("DELETE", "/admin/provisioners/whatever?id=" + id, null).statusCode()).isEqualTo(200);
        assertThat(ca.root.send("GET", "/admin/provisioners/step-jwk", null).statusCode()).isEqualTo(404);
        assertThat(sign(jwk, "step-jwk", "app.example").statusCode()).isEqualTo(401);
    }

    @Test
    void refusesWhatCannotBeDoneWithAClearMessage() throws Exception {
        HttpResponse<String> aws = ca.root.send("POST", "/admin/provisioners",
                "{\"type\":\"AWS\",\"name\":\"aws\",\"details\":{\"AWS\":{\"accounts\":[\"1\"]}}}");
        assertThat(aws.statusCode()).isEqualTo(400);
        assertThat(json(aws).get("message").asText()).contains("provisioner type AWS is not supported by Stile");
        HttpResponse<String> badB64 = ca.root.send("POST", "/admin/provisioners",
                "{\"type\":\"JWK\",\"name\":\"bad\",\"details\":{\"JWK\":{\"publicKey\":\"not base64!\"}}}");
        assertThat(badB64.statusCode()).isEqualTo(400);
        assertThat(json(badB64).get("message").asText()).contains("details.JWK.publicKey is not valid base64");

        EllipticCurveJsonWebKey jwk = stepKey();
        assertThat(ca.root.send("POST", "/admin/provisioners", stepAddJwk("fixed", jwk)).statusCode()).isEqualTo(201);
        JsonNode p = json(ca.root.send("GET", "/admin/provisioners/fixed", null));
        HttpResponse<String> newId = ca.root.send("PUT", "/admin/provisioners/fixed",
                ((ObjectNode) p.deepCopy()).put("id", "11111111-1111-1111-1111-111111111111").toString());
        assertThat(newId.statusCode()).isEqualTo(400);
        assertThat(json(newId).get("message").asText()).contains("id of provisioner fixed cannot be changed");
        HttpResponse<String> newType = ca.root.send("PUT", "/admin/provisioners/fixed",
                ((ObjectNode) p.deepCopy()).put("type", "ACME").toString());
        assertThat(newType.statusCode()).isEqualTo(400);
        assertThat(json(newType).get("message").asText()).contains("type of provisioner fixed cannot be changed");
        assertThat(ca.root.send("PUT", "/admin/provisioners/fixed",
                ((ObjectNode) p.deepCopy()).put("authorityId", "other").toString()).statusCode()).isEqualTo(400);
        assertThat(json(ca.root.send("GET", "/admin/provisioners/fixed", null))).isEqualTo(p);
        assertThat(ca.root.send("DELETE", "/admin/provisioners/fixed", null).statusCode()).isEqualTo(200);
    }

    @Test
    void authorityPolicyCrudIsEnforcedBySignAtOnce() throws Exception {
        EllipticCurveJsonWebKey jwk = stepKey();
        assertThat(ca.root.send("POST", "/admin/provisioners", stepAddJwk("pol-a", jwk)).statusCode()).isEqualTo(201);
        assertThat(ca.root.send("GET", "/admin/policy", null).statusCode()).isEqualTo(404);
        assertThat(ca.root.send("PUT", "/admin/policy", "{}").statusCode()).isEqualTo(404);
        assertThat(ca.root.send("DELETE", "/admin/policy", null).statusCode()).isEqualTo(404);
        assertThat(ca.root.sendWith("GET", "/admin/policy", null, null).statusCode()).isEqualTo(401);

        String deny = "{\"x509\":{\"deny\":{\"dns\":[\"denied.example\",\"denied.example\"]}}}";
        HttpResponse<String> created = ca.root.send("POST", "/admin/policy", deny);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created)).isEqualTo(JSON.readTree("{\"x509\":{\"deny\":{\"dns\":[\"denied.example\"]}}}"));
        assertThat(ca.root.send("POST", "/admin/policy", deny).statusCode()).isEqualTo(409);
        assertThat(json(ca.root.send("GET", "/admin/policy", null))).isEqualTo(json(created));
        HttpResponse<String> refused = sign(jwk, "pol-a", "denied.example");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("denied.example");
        assertThat(sign(jwk, "pol-a", "fine.example").statusCode()).isEqualTo(201);

        assertThat(ca.root.send("PUT", "/admin/policy", "{\"x509\":{\"deny\":{\"dns\":[\"other.example\"]}}}")
                .statusCode()).isEqualTo(200);
        assertThat(sign(jwk, "pol-a", "denied.example").statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(Files.readString(ca.caJson)).at("/authority/policy/x509/deny/dns/0").asText())
                .isEqualTo("other.example");
        HttpResponse<String> badIp = ca.root.send("PUT", "/admin/policy", "{\"x509\":{\"allow\":{\"ips\":[\"10.0.0.300\"]}}}");
        assertThat(badIp.statusCode()).isEqualTo(400);
        assertThat(json(badIp).get("message").asText()).contains("10.0.0.300");
        assertThat(ca.root.send("PUT", "/admin/policy", "{\"ssh\":{\"user\":{\"allow\":{\"emails\":[\"a@b\"]}}}}")
                .statusCode()).isEqualTo(400);

        assertThat(ca.root.send("DELETE", "/admin/policy", null).statusCode()).isEqualTo(200);
        assertThat(ca.root.send("GET", "/admin/policy", null).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(Files.readString(ca.caJson)).path("authority").has("policy")).isFalse();
        assertThat(ca.root.send("GET", "/admin/acme/policy/acme/reference/ref1", null).statusCode()).isEqualTo(501);
        assertThat(ca.root.send("POST", "/admin/acme/policy/acme/key/k1", "{}").statusCode()).isEqualTo(501);
    }

    @Test
    void provisionerPolicyCrudIsEnforcedForThatProvisionerOnly() throws Exception {
        EllipticCurveJsonWebKey jwk = stepKey();
        EllipticCurveJsonWebKey other = stepKey();
        assertThat(ca.root.send("POST", "/admin/provisioners", stepAddJwk("pol-b", jwk)).statusCode()).isEqualTo(201);
        assertThat(ca.root.send("POST", "/admin/provisioners", stepAddJwk("pol-c", other)).statusCode()).isEqualTo(201);
        String path = "/admin/provisioners/pol-b/policy";
        assertThat(ca.root.send("GET", path, null).statusCode()).isEqualTo(404);
        assertThat(ca.root.send("GET", "/admin/provisioners/nope/policy", null).statusCode()).isEqualTo(404);
        String allow = "{\"x509\":{\"allow\":{\"dns\":[\"*.allowed.example\"]}}}";
        assertThat(ca.root.send("POST", path, allow).statusCode()).isEqualTo(201);
        assertThat(ca.root.send("POST", path, allow).statusCode()).isEqualTo(409);
        assertThat(json(ca.root.send("GET", path, null))).isEqualTo(JSON.readTree(allow));
        assertThat(json(ca.root.send("GET", "/admin/provisioners/pol-b", null)).get("policy")).isEqualTo(JSON.readTree(allow));

        HttpResponse<String> refused = sign(jwk, "pol-b", "x.elsewhere.example");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("pol-b");
        assertThat(sign(jwk, "pol-b", "a.allowed.example").statusCode()).isEqualTo(201);
        assertThat(sign(other, "pol-c", "x.elsewhere.example").statusCode()).isEqualTo(201);

        assertThat(ca.root.send("PUT", path, "{\"x509\":{\"allow\":{\"dns\":[\"*.elsewhere.example\"]}}}").statusCode())
                .isEqualTo(200);
        assertThat(sign(jwk, "pol-b", "x.elsewhere.example").statusCode()).isEqualTo(201);
        assertThat(ca.root.send("DELETE", path, null).statusCode()).isEqualTo(200);
        assertThat(ca.root.send("GET", path, null).statusCode()).isEqualTo(404);
        assertThat(ca.root.send("DELETE", path, null).statusCode()).isEqualTo(404);
    }
}
