package dev.stile.provisioners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.provisioners.jwe.EncryptedKeys;
import dev.stile.core.Page;
import dev.stile.core.PageRequest;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvisionerRegistryTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    final PublicJsonWebKey key = StepTokens.provisionerKey();
    final String encrypted = EncryptedKeys.encrypt(key, "pw".toCharArray(), 1000);

    String jwk(String name) {
        return "{\"type\":\"jwk\",\"name\":\"" + name + "\",\"key\":" + StepTokens.publicJson(key)
                + ",\"encryptedKey\":\"" + encrypted + "\",\"claims\":{\"maxTLSCertDuration\":\"2160h\"}}";
    }

    @Test
    void parsesEveryTypeAndEchoesTheJsonAsConfigured() {
        var rootKey = TestPki.ecKey();
        var root = TestPki.ca("Root", rootKey, null, null);
        String roots = TestPki.base64(TestPki.pem(root));
        String k8sKeys = TestPki.base64(TestPki.pemPublicKey(TestPki.rsaKey(2048).getPublic()));
        List<JsonNode> list = List.of(
                json(jwk("admin@example.com")),
                json("{\"type\":\"ACME\",\"name\":\"acme\",\"forceCN\":true,\"challenges\":[\"dns-01\"],"
                        + "\"termsOfService\":\"https://tos\",\"caaIdentities\":[\"example.com\"],"
                        + "\"profiles\":{\"shortlived\":{\"description\":\"6 hours\",\"defaultTLSCertDuration\":\"6h\"}}}"),
                json("{\"type\":\"X5C\",\"name\":\"x5c\",\"roots\":\"" + roots + "\"}"),
                json("{\"type\":\"K8sSA\",\"name\":\"k8s\",\"publicKeys\":\"" + k8sKeys + "\"}"),
                json("{\"type\":\"OIDC\",\"name\":\"google\",\"clientID\":\"cid\",\"configurationEndpoint\":"
                        + "\"https://accounts.example.com/.well-known/openid-configuration\",\"admins\":[\"a@x\"],"
                        + "\"domains\":[\"Example.com\"]}"),
                json("{\"type\":\"SSHPOP\",\"name\":\"sshpop\"}"));
        ProvisionerRegistry r = ProvisionerRegistry.load(list, json("{\"defaultTLSCertDuration\":\"12h\"}"));

        JwkProvisioner jwk = (JwkProvisioner) r.byName("admin@example.com").orElseThrow();
        assertThat(jwk.configuredType()).isEqualTo("jwk");
        assertThat(jwk.id()).isEqualTo("admin@example.com:" + key.getKeyId());
        assertThat(r.jwkByKid(key.getKeyId())).containsSame(jwk);
        assertThat(jwk.json()).isEqualTo(list.get(0));
        assertThat(jwk.json().get("encryptedKey").asText()).isEqualTo(encrypted);
        assertThat(jwk.claims().maxTlsDuration()).isEqualTo(Duration.ofHours(2160));
        assertThat(jwk.claims().defaultTlsDuration()).isEqualTo(Duration.ofHours(12));

        AcmeProvisioner acme = r.acme("acme").orElseThrow();
        assertThat(acme.forceCn()).isTrue();
        assertThat(acme.challenges()).containsExactly("dns-01");
        assertThat(acme.termsOfService()).contains("https://tos");
        assertThat(acme.profiles().get("shortlived").defaultTlsDuration()).contains(Duration.ofHours(6));
        assertThat(r.byId("acme/acme")).containsSame(acme);

        assertThat(((X5cProvisioner) r.byId("x5c/x5c").orElseThrow()).roots()).containsExactly(root);
        assertThat(r.k8sSa().orElseThrow().publicKeys()).hasSize(1);
        OidcProvisioner oidc = r.oidcByClientId("cid").orElseThrow();
        assertThat(oidc.domains()).containsExactly("example.com");
        assertThat(oidc.isAdmin("A@X")).isTrue();
        assertThat(r.byName("sshpop").orElseThrow()).isInstanceOf(UnknownProvisioner.class);
        assertThat(r.acme("admin@example.com")).isEmpty();
    }

    @Test
    void acmeDefaultsToStepsChallenges() {
        ProvisionerRegistry r = ProvisionerRegistry.load(List.of(json("{\"type\":\"acme\",\"name\":\"a\"}")), null);
        assertThat(r.acme("a").orElseThrow().challenges()).containsExactly("http-01", "dns-01", "tls-alpn-01");
    }

    @Test
    void aBase64WrappedEncryptedKeyIsRefusedAtLoad() {
        String wrapped = Base64.getEncoder().encodeToString(encrypted.getBytes());
        String p = jwk("k8s").replace(encrypted, wrapped);
        assertThatThrownBy(() -> ProvisionerRegistry.load(List.of(json(p)), null))
                .isInstanceOf(ProvisionerConfigException.class)
                .hasMessageContaining("authority.provisioners[0] (jwk \"k8s\").encryptedKey is not a compact JWE")
                .hasMessageContaining("looks base64-encoded");
    }

    @Test
    void configurationErrorsNameTheLocation() {
        assertThatThrownBy(() -> ProvisionerRegistry.load(List.of(json(jwk("a")), json(jwk("a"))), null))
                .hasMessageContaining("authority.provisioners[1]").hasMessageContaining("already used");
        assertThatThrownBy(() -> ProvisionerRegistry.load(List.of(json("{\"type\":\"JWK\",\"name\":\"a\"}")), null))
                .hasMessageContaining("authority.provisioners[0] (JWK \"a\"): \"key\"");
        assertThatThrownBy(() -> ProvisionerRegistry.load(List.of(json("{\"name\":\"a\"}")), null))
                .hasMessageContaining("\"type\" is missing");
        assertThatThrownBy(() -> ProvisionerRegistry.load(List.of(json("{\"type\":\"X5C\",\"name\":\"x\",\"roots\":\"bm9wZQ==\"}")), null))
                .hasMessageContaining("roots contains no CERTIFICATE block");
        assertThatThrownBy(() -> ProvisionerRegistry.load(List.of(json("{\"type\":\"K8sSA\",\"name\":\"k\"}")), null))
                .hasMessageContaining("TokenReview");
        String priv = "{\"type\":\"JWK\",\"name\":\"a\",\"key\":" + key.toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE) + "}";
        assertThatThrownBy(() -> ProvisionerRegistry.load(List.of(json(priv)), null))
                .hasMessageContaining("contains a private key");
        assertThatThrownBy(() -> ProvisionerRegistry.load(List.of(json("{\"type\":\"ACME\",\"name\":\"a\",\"claims\":"
                + "{\"defaultTLSCertDuration\":\"48h\"}}")), null))
                .hasMessageContaining("authority.provisioners[0] (ACME \"a\").claims")
                .hasMessageContaining("5m0s / 48h0m0s / 24h0m0s");
    }

    @Test
    void pagesInConfigurationOrder() {
        List<JsonNode> list = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            list.add(json("{\"type\":\"ACME\",\"name\":\"acme-" + i + "\"}"));
        }
        ProvisionerRegistry r = ProvisionerRegistry.load(list, null);
        Page<Provisioner> first = r.page(ProvisionerRegistry.pageRequest(null, null));
        assertThat(first.items()).hasSize(20);
        assertThat(first.items().get(0).name()).isEqualTo("acme-0");
        List<String> names = new ArrayList<>();
        String cursor = "";
        do {
            Page<Provisioner> p = r.page(ProvisionerRegistry.pageRequest(cursor, "7"));
            p.items().forEach(x -> names.add(x.name()));
            cursor = p.nextCursor();
        } while (!cursor.isEmpty());
        assertThat(names).hasSize(45).startsWith("acme-0", "acme-1").endsWith("acme-44");
        assertThat(r.page(ProvisionerRegistry.pageRequest("", "1000")).items()).hasSize(45);
        assertThat(ProvisionerRegistry.pageRequest("", "1000").limit()).isEqualTo(PageRequest.MAX_LIMIT);
        assertThat(ProvisionerRegistry.pageRequest("", "-3").limit()).isEqualTo(20);
        assertThatThrownBy(() -> ProvisionerRegistry.pageRequest("", "ten")).hasMessageContaining("limit \"ten\"");
        assertThatThrownBy(() -> r.page(new PageRequest("zz", 5))).hasMessageContaining("cursor \"zz\"");
        assertThat(r.page(new PageRequest("ff", 5)).items()).isEmpty();
    }

    @Test
    void aFailedReloadKeepsThePreviousProvisioners() {
        AtomicReference<String> config = new AtomicReference<>("{\"type\":\"ACME\",\"name\":\"one\"}");
        ProvisionerSource source = new ProvisionerSource(() -> ProvisionerRegistry.load(List.of(json(config.get())), null));
        ProvisionerRegistry before = source.get();
        config.set("{\"type\":\"ACME\",\"name\":\"two\"}");
        assertThat(source.reload()).isNull();
        assertThat(source.get().byName("two")).isPresent();
        assertThat(source.get()).isNotSameAs(before);
        config.set("{\"type\":\"JWK\",\"name\":\"broken\"}");
        assertThat(source.reload()).contains("\"key\"");
        assertThat(source.get().byName("two")).isPresent();
    }
}
