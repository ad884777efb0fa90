package dev.stile.server.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.acme.validation.egress.EgressPolicy;
import dev.stile.provisioners.ProvisionerRegistry;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-provisioner allowNetworks/denyNetworks on top of ca.json's validation block. */
class ProvisionerEgressPoliciesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ProvisionerRegistry registry(String... provisioners) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String p : provisioners) {
            nodes.add(JSON.readTree(p));
        }
        return ProvisionerRegistry.load(nodes, null);
    }

    private static String judge(EgressPolicy p, String ip) throws Exception {
        return p.refusal(InetAddress.getByName(ip)).orElse("allowed");
    }

    @Test
    void aProvisionersEntriesAddToTheGlobalOnesForItsValidationsOnly() throws Exception {
        EgressPolicy global = EgressPolicy.defaults().with(JSON.readTree("{\"allowNetworks\": [\"127.0.0.0/8\"]}"), "validation");
        ProvisionerRegistry r = registry("{\"type\":\"ACME\",\"name\":\"home\"}",
                "{\"type\":\"ACME\",\"name\":\"public\",\"validation\":{\"denyNetworks\":[\"127.0.0.0/8\",\"192.168.0.0/16\"]}}",
                "{\"type\":\"ACME\",\"name\":\"opt\",\"options\":{\"validation\":{\"allowNetworks\":[\"::1/128\"]}}}",
                "{\"type\":\"ACME\",\"name\":\"flat\",\"denyNetworks\":[\"192.168.0.0/16\"]}");
        ProvisionerEgressPolicies policies = new ProvisionerEgressPolicies(() -> r, global);
        policies.check();

        assertThat(judge(policies.forProvisioner("home"), "127.0.0.2")).isEqualTo("allowed");
        assertThat(judge(policies.forProvisioner("home"), "192.168.1.1")).isEqualTo("allowed");
        assertThat(judge(policies.forProvisioner("public"), "127.0.0.2"))
                .endsWith("it is in 127.0.0.0/8, listed in provisioner \"public\" validation.denyNetworks.");
        assertThat(judge(policies.forProvisioner("public"), "192.168.1.1")).contains("192.168.0.0/16");
        assertThat(judge(policies.forProvisioner("opt"), "::1")).isEqualTo("allowed");
        assertThat(judge(policies.forProvisioner(null), "::1")).contains("loopback");
        assertThat(judge(policies.forProvisioner("flat"), "192.168.1.1"))
                .endsWith("listed in provisioner \"flat\".denyNetworks.");
    }

    @Test
    void aBadEntryStopsStartUpNamingTheProvisionerAndKey() throws Exception {
        ProvisionerRegistry r = registry(
                "{\"type\":\"ACME\",\"name\":\"acme\",\"validation\":{\"allowNetworks\":[\"lan\"]}}");

        assertThatThrownBy(() -> new ProvisionerEgressPolicies(() -> r, EgressPolicy.defaults()).check())
                .hasMessage("provisioner \"acme\" validation.allowNetworks: \"lan\" is not an IP network such as "
                        + "10.0.0.0/8 or fd00::/8");
    }

    @Test
    void aBadEntryBroughtByAReloadRefusesEverythingRatherThanFallingBackToWider() throws Exception {
        AtomicReference<ProvisionerRegistry> current = new AtomicReference<>(registry("{\"type\":\"ACME\",\"name\":\"acme\"}"));
        ProvisionerEgressPolicies policies = new ProvisionerEgressPolicies(current::get, EgressPolicy.defaults());
        assertThat(judge(policies.forProvisioner("acme"), "192.168.1.1")).isEqualTo("allowed");

        current.set(registry("{\"type\":\"ACME\",\"name\":\"acme\",\"validation\":{\"denyNetworks\":[\"192.168.0.0/33\"]}}"));

        assertThat(judge(policies.forProvisioner("acme"), "192.168.1.1"))
                .contains("refused because the validation egress policy cannot be read");
    }
}
