package dev.stile.server.acme;

import dev.stile.acme.port.AcmeEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.acme.model.Identifier;
import dev.stile.acme.port.CertificateIssuer.IssueRequest;
import dev.stile.acme.problem.AcmeException;
import dev.stile.authority.Authority;
import dev.stile.authority.init.PkiGenerator;
import dev.stile.authority.inventory.InMemoryCertificateStore;
import dev.stile.authority.keys.KeyType;
import dev.stile.provisioners.ProvisionerRegistry;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ACME finalize obeys the same x509 policies as /sign: the ACME provisioner's, then the
 * authority's, decided by the authority before it signs and refused with rejectedIdentifier.
 */
class AuthorityCertificateIssuerPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static IssueRequest order(String provisioner, Identifier... ids) throws Exception {
        PublicKey key = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();
        return new IssueRequest(key, null, List.of(ids), null, null, Duration.ofHours(1), provisioner,
                "https://ca/acme/acme/account/1");
    }

    @Test
    void provisionerAndAuthorityPoliciesRefuseWithRejectedIdentifier() throws Exception {
        List<JsonNode> provisioners = List.of(
                JSON.readTree("{\"type\":\"ACME\",\"name\":\"acme\",\"policy\":{\"x509\":{\"deny\":{\"dns\":[\"*.lab\"]}}}}"),
                JSON.readTree("{\"type\":\"ACME\",\"name\":\"open\"}"));
        JsonNode authority = JSON.readTree("{\"x509\":{\"deny\":{\"ip\":[\"10.0.0.0/8\"]}}}");
        ProvisionerRegistry registry = ProvisionerRegistry.load(provisioners, null, authority);
        List<String> failures = new ArrayList<>();
        AcmeEvents events = new AcmeEvents() {
            @Override
            public void issuanceFailed(String provisioner, String requester, String reason) {
                failures.add(provisioner + ": " + reason);
            }
        };
        // The authority decides the policies before it signs: a refused order stores nothing.
        InMemoryCertificateStore store = new InMemoryCertificateStore();
        PkiGenerator.Pki pki = new PkiGenerator(Clock.systemUTC()).generate("Policy", KeyType.EC_P256);
        Authority ca = new Authority(List.of(pki.root()), List.of(pki.intermediate()), pki.intermediateKey(),
                store, Clock.systemUTC());
        AuthorityCertificateIssuer issuer = new AuthorityCertificateIssuer(ca, Duration.ZERO, Clock.systemUTC(),
                events, () -> registry);

        assertThatThrownBy(() -> issuer.issue(order("acme", Identifier.dns("nas.lab"))))
                .isInstanceOfSatisfying(AcmeException.class, e -> {
                    assertThat(e.problem().type()).endsWith(":rejectedIdentifier");
                    assertThat(e.problem().detail()).contains("provisioner \"acme\"'s x509 policy", "nas.lab");
                });
        assertThatThrownBy(() -> issuer.issue(order("open", Identifier.ip("10.1.2.3"))))
                .isInstanceOfSatisfying(AcmeException.class, e ->
                        assertThat(e.problem().detail()).contains("the authority's x509 policy", "10.1.2.3"));
        assertThat(failures).hasSize(2);
        assertThat(store.size()).isZero();
        // The other provisioner's policy does not apply: this one is signed.
        assertThat(issuer.issue(order("open", Identifier.dns("nas.lab"))).leaf()).isNotNull();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void newOrderAsksTheSamePoliciesFromTheCurrentSnapshot() throws Exception {
        List<JsonNode> provisioners = List.of(
                JSON.readTree("{\"type\":\"ACME\",\"name\":\"acme\",\"policy\":{\"x509\":{\"allow\":{\"dns\":[\"*.home.test\"]}}}}"));
        ProvisionerRegistry strict = ProvisionerRegistry.load(provisioners, null, null);
        ProvisionerRegistry open = ProvisionerRegistry.load(List.of(JSON.readTree("{\"type\":\"ACME\",\"name\":\"acme\"}")),
                null, null);
        ProvisionerRegistry[] current = {strict};
        RegistryIdentifierPolicy policy = new RegistryIdentifierPolicy(() -> current[0]);

        assertThat(policy.refusal("acme", List.of(Identifier.dns("nas.home.test")))).isNull();
        assertThat(policy.refusal("acme", List.of(Identifier.dns("nas.home.test"), Identifier.dns("evil.example"))))
                .contains("evil.example");
        current[0] = open; // an admin removed the policy: the next order is allowed
        assertThat(policy.refusal("acme", List.of(Identifier.dns("evil.example")))).isNull();
    }
}
