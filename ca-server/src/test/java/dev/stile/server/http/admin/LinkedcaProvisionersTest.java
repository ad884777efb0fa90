package dev.stile.server.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.provisioners.Provisioner;
import dev.stile.provisioners.ProvisionerRegistry;
import dev.stile.provisioners.jwe.EncryptedKeys;
import dev.stile.server.http.admin.linkedca.LinkedcaPolicies;
import dev.stile.server.http.admin.linkedca.LinkedcaProvisioners;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * linkedca.Provisioner protojson -> ca.json -> protojson gives back the same document for every
 * type Stile runs, and the ca.json form is one the provisioner registry accepts.
 */
class LinkedcaProvisionersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode proto(String type, String name, String details) throws Exception {
        String policy = "{\"x509\":{\"allow\":{\"dns\":[\"*.example.com\"],\"ips\":[\"10.0.0.0/8\"],"
                + "\"emails\":[\"@example.com\"],\"uris\":[\"spiffe.example.com\"],\"commonNames\":[\"Alice\"]},"
                + "\"deny\":{\"dns\":[\"bad.example.com\"]},\"allowWildcardNames\":true}}";
        return (ObjectNode) JSON.readTree("{\"id\":\"" + LinkedcaProvisioners.idOf(name) + "\",\"authorityId\":\"stile\","
                + "\"type\":\"" + type + "\",\"name\":\"" + name + "\",\"details\":" + details + ","
                + "\"claims\":{\"x509\":{\"enabled\":true,\"durations\":{\"default\":\"12h\",\"min\":\"5m\",\"max\":\"48h\"}},"
                + "\"disableRenewal\":true,\"allowRenewalAfterExpiry\":true,\"disableSmallstepExtensions\":true},"
                + "\"x509Template\":{\"template\":\"" + b64("{\"subject\":{{ toJson .Subject }}}") + "\",\"data\":\""
                + b64("{\"org\":\"Stile\"}") + "\"},\"policy\":" + policy + "}");
    }

    /** protojson -> ca.json (checked by the real registry) -> protojson. */
    private static JsonNode roundTrip(ObjectNode proto) {
        ObjectNode caJson = LinkedcaProvisioners.toCaJson(proto);
        Provisioner p = ProvisionerRegistry.load(List.of(caJson), null).all().get(0);
        return LinkedcaProvisioners.toProtoJson(p.json());
    }

    @Test
    void jwkAsStepSendsItKeepsKeyAndEncryptedKey() throws Exception {
        EllipticCurveJsonWebKey jwk = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        jwk.setUse("sig");
        jwk.setAlgorithm("ES256");
        String jwe = EncryptedKeys.encrypt(jwk, "pw".toCharArray(), 1000);
        String pub = jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        ObjectNode proto = proto("JWK", "ci", "{\"JWK\":{\"publicKey\":\"" + b64(pub) + "\",\"encryptedPrivateKey\":\""
                + b64(jwe) + "\"}}");
        assertThat(roundTrip(proto)).isEqualTo(proto);
        ObjectNode caJson = LinkedcaProvisioners.toCaJson(proto);
        assertThat(caJson.get("key")).isEqualTo(JSON.readTree(pub));
        assertThat(caJson.get("encryptedKey").asText()).isEqualTo(jwe);
        assertThat(caJson.path("claims").path("defaultTLSCertDuration").asText()).isEqualTo("12h");
        assertThat(caJson.path("options").path("x509").path("templateData").path("org").asText()).isEqualTo("Stile");
        assertThat(caJson.path("policy").path("x509").path("allow").path("ip").get(0).asText()).isEqualTo("10.0.0.0/8");
        assertThat(caJson.path("policy").path("x509").path("allow").path("cn").get(0).asText()).isEqualTo("Alice");
    }

    @Test
    void acmeMapsChallengeEnumsAndFlags() throws Exception {
        ObjectNode proto = proto("ACME", "acme", "{\"ACME\":{\"forceCn\":true,\"requireEab\":true,"
                + "\"challenges\":[\"HTTP_01\",\"DNS_01\",\"TLS_ALPN_01\"],\"termsOfService\":\"https://tos\","
                + "\"website\":\"https://site\",\"caaIdentities\":[\"example.com\"]}}");
        assertThat(roundTrip(proto)).isEqualTo(proto);
        ObjectNode caJson = LinkedcaProvisioners.toCaJson(proto);
        assertThat(caJson.get("forceCN").asBoolean()).isTrue();
        assertThat(caJson.get("requireEAB").asBoolean()).isTrue();
        assertThat(caJson.get("challenges")).extracting(JsonNode::asText).containsExactly("http-01", "dns-01", "tls-alpn-01");
        // snake_case names and enum numbers are protojson too.
        ObjectNode snake = (ObjectNode) JSON.readTree("{\"type\":6,\"name\":\"a\",\"details\":{\"ACME\":"
                + "{\"force_cn\":true,\"challenges\":[2]}}}");
        assertThat(LinkedcaProvisioners.toCaJson(snake).get("challenges").get(0).asText()).isEqualTo("dns-01");
        assertThat(LinkedcaProvisioners.toCaJson(snake).get("forceCN").asBoolean()).isTrue();
    }

    @Test
    void x5cAndK8sSaKeepOnePemBlockPerValue() throws Exception {
        String root1 = pemCert("Root One");
        String root2 = pemCert("Root Two");
        ObjectNode x5c = proto("X5C", "x5c", "{\"X5C\":{\"roots\":[\"" + b64(root1) + "\",\"" + b64(root2) + "\"]}}");
        assertThat(roundTrip(x5c)).isEqualTo(x5c);
        String bundle = new String(Base64.getDecoder().decode(LinkedcaProvisioners.toCaJson(x5c).get("roots").asText()),
                StandardCharsets.UTF_8);
        assertThat(bundle).isEqualTo(root1 + root2);

        KeyPair pair = ecKey();
        String pub = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        ObjectNode k8s = proto("K8SSA", "k8s", "{\"K8sSA\":{\"publicKeys\":[\"" + b64(pub) + "\"]}}");
        assertThat(roundTrip(k8s)).isEqualTo(k8s);
        assertThat(LinkedcaProvisioners.toCaJson(k8s).get("type").asText()).isEqualTo("K8sSA");
    }

    @Test
    void oidcMapsEveryField() throws Exception {
        ObjectNode proto = proto("OIDC", "google", "{\"OIDC\":{\"clientId\":\"cid\",\"clientSecret\":\"secret\","
                + "\"configurationEndpoint\":\"https://accounts.google.com/.well-known/openid-configuration\","
                + "\"admins\":[\"root@example.com\"],\"domains\":[\"example.com\"],\"groups\":[\"ops\"],"
                + "\"listenAddress\":\":10000\",\"tenantId\":\"tenant\"}}");
        assertThat(roundTrip(proto)).isEqualTo(proto);
        ObjectNode caJson = LinkedcaProvisioners.toCaJson(proto);
        assertThat(caJson.get("clientID").asText()).isEqualTo("cid");
        assertThat(caJson.get("tenantID").asText()).isEqualTo("tenant");
    }

    @Test
    void replacingKeepsCaJsonKeysProtojsonCannotExpress() throws Exception {
        ObjectNode existing = (ObjectNode) JSON.readTree("{\"type\":\"ACME\",\"name\":\"acme\",\"challenges\":[\"dns-01\"],"
                + "\"profiles\":{\"short\":{\"defaultTLSCertDuration\":\"1h\"}},\"claims\":{\"maxTLSCertDuration\":\"2h\"}}");
        ObjectNode proto = (ObjectNode) JSON.readTree("{\"type\":\"ACME\",\"name\":\"acme\",\"details\":{\"ACME\":{}}}");
        ObjectNode merged = LinkedcaProvisioners.toCaJson(proto, existing);
        assertThat(merged.has("profiles")).isTrue();
        assertThat(merged.has("challenges")).isFalse();
        assertThat(merged.has("claims")).isFalse();
    }

    @Test
    void refusesWhatStileCannotRunWithTheReason() throws Exception {
        assertThatThrownBy(() -> LinkedcaProvisioners.toCaJson(JSON.readTree(
                "{\"type\":\"AWS\",\"name\":\"a\",\"details\":{\"AWS\":{}}}")))
                .hasMessage("provisioner type AWS is not supported by Stile (supported: JWK, ACME, X5C, K8SSA, OIDC)");
        assertThatThrownBy(() -> LinkedcaProvisioners.toCaJson(JSON.readTree(
                "{\"type\":\"JWK\",\"name\":\"a\",\"details\":{\"JWK\":{\"publicKey\":\"%%%\"}}}")))
                .hasMessageContaining("details.JWK.publicKey is not valid base64");
        assertThatThrownBy(() -> LinkedcaProvisioners.toCaJson(JSON.readTree(
                "{\"type\":\"JWK\",\"name\":\"a\",\"details\":{\"ACME\":{}}}")))
                .hasMessageContaining("details must contain \"JWK\"");
        assertThatThrownBy(() -> LinkedcaProvisioners.toCaJson(JSON.readTree(
                "{\"type\":\"ACME\",\"name\":\"a\",\"details\":{\"ACME\":{\"challenges\":[\"WIRE\"]}}}")))
                .hasMessageContaining("unknown value \"WIRE\"");
        assertThatThrownBy(() -> LinkedcaPolicies.toCaJson(JSON.readTree(
                "{\"ssh\":{\"host\":{\"allow\":{\"dns\":[\"a\"]}}}}"), "policy"))
                .hasMessageContaining("SSH policies are not supported");
    }

    @Test
    void idsAreStablePerNameAndDistinct() {
        assertThat(LinkedcaProvisioners.idOf("ci")).isEqualTo(LinkedcaProvisioners.idOf("ci"))
                .isNotEqualTo(LinkedcaProvisioners.idOf("ci2")).hasSize(36);
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static String pemCert(String cn) throws Exception {
        KeyPair pair = ecKey();
        X500Name name = new X500Name("CN=" + cn);
        var holder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(), new Date(System.currentTimeMillis()
                + 86_400_000L), name, pair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(pair.getPrivate()));
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(holder.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }
}
