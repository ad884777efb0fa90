package dev.stile.acme.validation.egress;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The policy's decisions only: nothing here connects anywhere. */
class EgressPolicyTest {

    private static EgressPolicy policy(String block) throws Exception {
        return EgressPolicy.defaults().with(new ObjectMapper().readTree(block), "validation");
    }

    private static String refusal(EgressPolicy p, String ip) throws Exception {
        return p.refusal(InetAddress.getByName(ip)).orElse("allowed");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "169.254.169.254 | the cloud metadata service (link-local) (169.254.169.254/32)",
            "169.254.10.1    | link-local (169.254.0.0/16)",
            "fd00:ec2::254   | the cloud metadata service (AWS, IPv6) (fd00:ec2::254/128)",
            "127.0.0.1       | loopback (127.0.0.0/8)",
            "::1             | loopback (::1/128)",
            "0.0.0.0         | \"this network\"",
            "::              | the unspecified address (::/128)",
            "224.0.0.251     | multicast (224.0.0.0/4)",
            "ff02::1         | multicast (ff00::/8)",
            "255.255.255.255 | the broadcast address (255.255.255.255/32)",
            "fe80::1         | link-local (fe80::/10)",
            "192.0.2.7       | documentation (TEST-NET-1)",
            "198.18.0.1      | reserved for benchmarking",
            "240.0.0.1       | reserved (240.0.0.0/4)",
            "::ffff:169.254.169.254 | the cloud metadata service",
            "64:ff9b::a9fe:a9fe | the cloud metadata service",
            "2002:a9fe:a9fe::1 | 6to4"})
    void specialPurposeAddressesAreRefusedByDefaultNamingTheRange(String ip, String rule) throws Exception {
        String why = refusal(EgressPolicy.defaults(), ip);

        assertThat(why).contains("is refused by the validation egress policy: it is ", rule,
                "list it in validation.allowNetworks to allow it.");
    }

    @ParameterizedTest
    @CsvSource({"192.168.1.20", "10.1.2.3", "172.20.0.5", "100.64.0.1", "fd12:3456::1", "8.8.8.8", "2001:4860::8888"})
    void privateAndPublicAddressesAreAllowedByDefault(String ip) throws Exception {
        assertThat(refusal(EgressPolicy.defaults(), ip)).isEqualTo("allowed");
    }

    @Test
    void anAllowEntryLiftsTheDefaultRefusalOfItsRangeOnly() throws Exception {
        EgressPolicy p = policy("{\"allowNetworks\": [\"127.0.0.0/8\"]}");

        assertThat(refusal(p, "127.0.0.2")).isEqualTo("allowed");
        assertThat(refusal(p, "::1")).contains("loopback");
        assertThat(refusal(p, "169.254.169.254")).contains("metadata");
    }

    @Test
    void aWideAllowEntryDoesNotOpenTheMoreSpecificSpecialRanges() throws Exception {
        EgressPolicy p = policy("{\"allowNetworks\": [\"0.0.0.0/0\", \"fc00::/7\", \"169.254.0.0/16\"]}");

        assertThat(refusal(p, "127.0.0.1")).contains("loopback");
        assertThat(refusal(p, "fd00:ec2::254")).contains("metadata");
        assertThat(refusal(p, "169.254.169.254")).contains("metadata");
        assertThat(refusal(p, "169.254.1.1")).isEqualTo("allowed");
    }

    @Test
    void denyingPrivateRangesWithOneSubnetAllowedTheMostSpecificEntryDecides() throws Exception {
        EgressPolicy p = policy("{\"denyNetworks\": [\"10.0.0.0/8\", \"172.16.0.0/12\", \"192.168.0.0/16\","
                + " \"100.64.0.0/10\", \"fc00::/7\"], \"allowNetworks\": [\"192.168.1.0/24\"]}");

        assertThat(refusal(p, "192.168.1.20")).isEqualTo("allowed");
        assertThat(refusal(p, "192.168.2.20")).isEqualTo("192.168.2.20 is refused by the validation egress policy: "
                + "it is in 192.168.0.0/16, listed in validation.denyNetworks.");
        assertThat(refusal(p, "10.0.0.1")).contains("10.0.0.0/8, listed in validation.denyNetworks");
        assertThat(refusal(p, "fd12::1")).contains("fc00::/7");
        assertThat(refusal(p, "8.8.8.8")).isEqualTo("allowed");
    }

    @Test
    void atEqualLengthDenyWinsAndProvisionerEntriesAddToTheGlobalOnes() throws Exception {
        EgressPolicy global = policy("{\"allowNetworks\": [\"127.0.0.0/8\"]}");
        EgressPolicy prov = global.with(new ObjectMapper().readTree("{\"denyNetworks\": [\"127.0.0.0/8\"]}"),
                "provisioner \"acme\" validation");

        assertThat(refusal(global, "127.0.0.1")).isEqualTo("allowed");
        assertThat(refusal(prov, "127.0.0.1")).contains("listed in provisioner \"acme\" validation.denyNetworks");
    }

    @Test
    void screeningDialsTheFirstAllowedAddressOfEachFamily() throws Exception {
        EgressPolicy.Screened s = EgressPolicy.defaults().screen(java.util.List.of(
                InetAddress.getByName("fe80::1"), InetAddress.getByName("2001:4860::8888"),
                InetAddress.getByName("169.254.169.254"), InetAddress.getByName("192.168.1.2")));

        assertThat(s.dialOrder()).extracting(InetAddress::getHostAddress)
                .containsExactly("2001:4860:0:0:0:0:0:8888", "192.168.1.2");
        assertThat(s.refusals()).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"allowNetworks\": \"10.0.0.0/8\"} | validation.allowNetworks: must be a list of networks",
            "{\"denyNetworks\": [\"intranet.local\"]} | validation.denyNetworks: \"intranet.local\" is not an IP network",
            "{\"denyNetworks\": [\"10.0.0.0/33\"]} | needs a prefix length from 0 to 32",
            "{\"allowNetworks\": [\"10.1.2.3/8\"]} | has bits set after the prefix length; did you mean 10.0.0.0/8?",
            "{\"allowNetworks\": [8]} | must be a list of strings"})
    void badEntriesAreRefusedInOneSentenceNamingTheKey(String block, String message) {
        assertThatThrownBy(() -> policy(block)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
