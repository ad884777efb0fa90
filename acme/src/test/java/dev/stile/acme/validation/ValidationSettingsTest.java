package dev.stile.acme.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.acme.validation.dns.DnsServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidationSettingsTest {

    private static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s.replace('\'', '"'));
    }

    @Test
    void defaults() throws Exception {
        ValidationSettings s = ValidationSettings.parse(json("{'resolvers': ['10.96.0.10']}"));

        assertThat(s.httpPort()).isEqualTo(80);
        assertThat(s.tlsPort()).isEqualTo(443);
        assertThat(s.resolvers()).containsExactly(new DnsServer("10.96.0.10", 53));
        assertThat(s.zones()).isEmpty();
        assertThat(s.queryTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.tries()).isEqualTo(3);
        assertThat(s.retryWindow()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.authoritative()).isFalse();
        assertThat(s.route53()).isNull();
        assertThat(s.caa()).isNull();
    }

    @Test
    void systemResolversAreTheDefault() {
        assertThat(ValidationSettings.defaults().resolvers()).isNotEmpty();
    }

    @Test
    void everyKey() throws Exception {
        ValidationSettings s = ValidationSettings.parse(json("{'httpPort': 5002, 'tlsPort': 5001,"
                + " 'resolvers': ['127.0.0.1:5353', '[::1]:53'], 'zones': {'Home.Example.Net.': ['192.168.1.1:53']},"
                + " 'queryTimeout': '500ms', 'tries': 2, 'retryWindow': '2m', 'authoritative': true,"
                + " 'route53': {'zones': ['example.com', 'Z0123456789'], 'region': 'eu-west-1', 'endpoint': 'http://127.0.0.1:9'},"
                + " 'caa': {'identities': ['CA.Example.Net']}}"));

        assertThat(s.httpPort()).isEqualTo(5002);
        assertThat(s.tlsPort()).isEqualTo(5001);
        assertThat(s.resolvers()).extracting(DnsServer::toString).containsExactly("127.0.0.1:5353", "[::1]:53");
        assertThat(s.zones()).containsOnlyKeys("home.example.net");
        assertThat(s.zones().get("home.example.net")).containsExactly(new DnsServer("192.168.1.1", 53));
        assertThat(s.queryTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.tries()).isEqualTo(2);
        assertThat(s.retryWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.authoritative()).isTrue();
        assertThat(s.route53()).isEqualTo(new ValidationSettings.Route53Settings(List.of("example.com", "Z0123456789"),
                "eu-west-1", "http://127.0.0.1:9"));
        assertThat(s.caa().identities()).containsExactly("ca.example.net");
    }

    @Test
    void badInputIsOneSentenceNamingTheKey() {
        assertError("{'httpPort': 'eighty'}", "validation.httpPort: must be a port number (1-65535), got \"eighty\"");
        assertError("{'resolvers': ['dns.google:53']}",
                "validation.resolvers: \"dns.google:53\" must be an IP address with an optional port, such as 10.96.0.10:53");
        assertError("{'resolvers': ['1.1.1.1:99999']}", "validation.resolvers: \"1.1.1.1:99999\" has an invalid port");
        assertError("{'resolvers': []}", "validation.resolvers: at least one DNS server is needed");
        assertError("{'zones': {'home.example.net': []}}", "validation.zones.home.example.net: needs at least one DNS server");
        assertError("{'retryWindow': '90'}", "validation.retryWindow: must be a positive duration such as \"90s\" or \"2m\", got \"90\"");
        assertError("{'tries': 0}", "validation.tries: must be a whole number from 1 to 10, got 0");
        assertError("{'authoritative': 'yes'}", "validation.authoritative: must be true or false, got \"yes\"");
        assertError("{'route53': {'region': 'x'}}", "validation.route53.zones: needs at least one zone name or hosted-zone id");
        assertError("{'route53': {'zones': ['a.com'], 'endpoint': 'nope'}}",
                "validation.route53.endpoint: must be a URL such as https://route53.amazonaws.com, got \"nope\"");
        assertError("{'httpport': 80}", "validation.httpport: unknown key (known: allowNetworks, authoritative, caa, "
                + "denyNetworks, httpPort, queryTimeout, resolvers, retryWindow, route53, tlsPort, tries, zones)");
        assertError("{'denyNetworks': ['10.0.0.0/33']}",
                "validation.denyNetworks: \"10.0.0.0/33\" needs a prefix length from 0 to 32");
    }

    @Test
    void theEgressPolicyKeysAreAccepted() throws Exception {
        ValidationSettings s = ValidationSettings.parse(json("{'resolvers': ['10.0.0.1'], "
                + "'allowNetworks': ['127.0.0.0/8'], 'denyNetworks': ['10.0.0.0/8']}"));
        assertThat(s.resolvers()).containsExactly(new DnsServer("10.0.0.1", 53));
    }

    @Test
    void aProvisionersBlockReplacesTheGlobalKeysItNames() throws Exception {
        ValidationSettings s = ValidationSettings.parse(
                json("{'resolvers': ['10.0.0.1'], 'httpPort': 8080, 'retryWindow': '90s', 'zones': {'a.net': ['10.0.0.2']}}"),
                json("{'resolvers': ['192.168.1.1:5353'], 'retryWindow': '30s', 'authoritative': true, "
                        + "'allowNetworks': ['127.0.0.0/8']}"), "home");
        assertThat(s.resolvers()).containsExactly(new DnsServer("192.168.1.1", 5353));
        assertThat(s.retryWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.authoritative()).isTrue();
        assertThat(s.httpPort()).isEqualTo(8080);
        assertThat(s.zones()).containsKey("a.net");
        assertThat(ValidationSettings.parse(json("{'resolvers': ['10.0.0.1']}"), null, "home").resolvers())
                .containsExactly(new DnsServer("10.0.0.1", 53));
        assertThatThrownBy(() -> ValidationSettings.parse(json("{'resolvers': ['10.0.0.1']}"), json("{'tries': 0}"), "home"))
                .hasMessage("ACME provisioner home: validation.tries: must be a whole number from 1 to 10, got 0");
        assertThatThrownBy(() -> ValidationSettings.parse(json("{}"), json("{'resolver': []}"), "home"))
                .hasMessageStartingWith("ACME provisioner home: validation.resolver: unknown key");
    }

    private static void assertError(String in, String message) {
        assertThatThrownBy(() -> ValidationSettings.parse(json(in))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void shortenQuotesEscapesAndCuts() {
        assertThat(KeyAuthorizations.shorten("a\nb", 10)).isEqualTo("\"a\\nb\"");
        assertThat(KeyAuthorizations.shorten("x".repeat(100), 5)).isEqualTo("\"xxxxx\"... (100 characters)");
        assertThat(KeyAuthorizations.dnsTxtValue("tok.thumb")).hasSize(43).doesNotContain("=", "+", "/");
    }
}
