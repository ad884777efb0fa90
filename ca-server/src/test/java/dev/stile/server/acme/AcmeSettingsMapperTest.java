package dev.stile.server.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.acme.model.ChallengeType;
import dev.stile.acme.problem.AcmeException;
import dev.stile.acme.service.AcmeProvisionerSettings;
import dev.stile.provisioners.ProvisionerRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcmeSettingsMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ProvisionerRegistry registry(String... provisioners) throws Exception {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String p : provisioners) {
            nodes.add(JSON.readTree(p));
        }
        return ProvisionerRegistry.load(nodes, null);
    }

    @Test
    void ok_defaultsAreStepCasAllChallengesNoEab24Hours() throws Exception {
        AcmeProvisionerSettings s = new RegistryAcmeProvisioners(() -> {
            try {
                return registry("{\"type\":\"ACME\",\"name\":\"acme\"}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).find("acme").orElseThrow();
        assertThat(s.challengeTypes()).isEqualTo(EnumSet.copyOf(ChallengeType.CLASSIC));
        assertThat(s.requireEab()).isFalse();
        assertThat(s.defaultLifetime()).isEqualTo(Duration.ofHours(24));
        assertThat(s.maxLifetime()).isEqualTo(Duration.ofHours(24));
        assertThat(s.minLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.profiles()).isEmpty();
    }

    @Test
    void ok_everyKeyIsMapped() throws Exception {
        ProvisionerRegistry r = registry("""
                {"type":"ACME","name":"acme","challenges":["dns-01","device-attest-01"],"requireEAB":true,
                 "termsOfService":"https://t","website":"https://w","caaIdentities":["ca.example"],
                 "claims":{"defaultTLSCertDuration":"12h","maxTLSCertDuration":"48h","minTLSCertDuration":"1h"},
                 "profiles":{"z-long":{"description":"two days","defaultTLSCertDuration":"48h"},
                             "a-default":{"description":"the default"}}}
                """);
        AcmeProvisionerSettings s = new RegistryAcmeProvisioners(() -> r).find("acme").orElseThrow();
        assertThat(s.challengeTypes()).containsExactly(ChallengeType.DNS_01);
        assertThat(s.requireEab()).isTrue();
        assertThat(s.termsOfService()).isEqualTo("https://t");
        assertThat(s.website()).isEqualTo("https://w");
        assertThat(s.caaIdentities()).containsExactly("ca.example");
        assertThat(s.defaultLifetime()).isEqualTo(Duration.ofHours(12));
        assertThat(s.minLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(s.maxLifetime()).isEqualTo(Duration.ofHours(48));
        assertThat(s.profiles().keySet()).containsExactly("a-default", "z-long");
        assertThat(s.profiles().get("a-default").lifetime()).isEqualTo(Duration.ofHours(12));
        assertThat(s.profiles().get("z-long").lifetime()).isEqualTo(Duration.ofHours(48));
        assertThat(s.profiles().get("z-long").description()).isEqualTo("two days");
    }

    @Test
    void ok_settingsAreCachedUntilTheProvisionerIsReplaced() throws Exception {
        ProvisionerRegistry[] current = {registry("{\"type\":\"ACME\",\"name\":\"acme\"}")};
        RegistryAcmeProvisioners provisioners = new RegistryAcmeProvisioners(() -> current[0]);
        AcmeProvisionerSettings first = provisioners.find("acme").orElseThrow();
        assertThat(provisioners.find("acme").orElseThrow()).isSameAs(first);
        current[0] = registry("{\"type\":\"ACME\",\"name\":\"acme\",\"requireEAB\":true}");
        assertThat(provisioners.find("acme").orElseThrow().requireEab()).isTrue();
    }

    @Test
    void fail_unknownNameIsEmptyAndAnotherTypeIsUnauthorized() throws Exception {
        String key = org.jose4j.jwk.EcJwkGenerator.generateJwk(org.jose4j.keys.EllipticCurves.P256)
                .toJson(org.jose4j.jwk.JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        ProvisionerRegistry r = registry("{\"type\":\"ACME\",\"name\":\"acme\"}",
                "{\"type\":\"JWK\",\"name\":\"jwk\",\"key\":" + key + "}");
        RegistryAcmeProvisioners provisioners = new RegistryAcmeProvisioners(() -> r);
        assertThat(provisioners.find("nope")).isEmpty();
        assertThatThrownBy(() -> provisioners.find("jwk")).isInstanceOf(AcmeException.class)
                .satisfies(e -> assertThat(((AcmeException) e).problem().type()).endsWith(":unauthorized"))
                .hasMessageContaining("must be of type ACME");
    }

    @Test
    void fail_dnsPersistNeedsIssuerDomainNames() throws Exception {
        ProvisionerRegistry r = registry("{\"type\":\"ACME\",\"name\":\"home\",\"challenges\":[\"dns-persist-01\"]}");
        assertThatThrownBy(() -> new RegistryAcmeProvisioners(() -> r).find("home"))
                .hasMessage("ACME provisioner home enables dns-persist-01 but has no caaIdentities: list the issuer"
                        + " domain names its records must name, e.g. [\"ca.home.arpa\"]");
        ProvisionerRegistry ok = registry("{\"type\":\"ACME\",\"name\":\"home\",\"challenges\":[\"dns-account-01\","
                + "\"dns-persist-01\"],\"caaIdentities\":[\"CA.Home.Arpa.\"]}");
        assertThat(new RegistryAcmeProvisioners(() -> ok).find("home").orElseThrow().challengeTypes())
                .containsExactlyInAnyOrder(ChallengeType.DNS_ACCOUNT_01, ChallengeType.DNS_PERSIST_01);
    }

    @Test
    void fail_noValidatableChallengeIsAConfigurationError() throws Exception {
        ProvisionerRegistry r = registry("{\"type\":\"ACME\",\"name\":\"acme\",\"challenges\":[\"device-attest-01\"]}");
        assertThatThrownBy(() -> new RegistryAcmeProvisioners(() -> r).find("acme"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acme")
                .hasMessageContaining("device-attest-01");
    }
}
