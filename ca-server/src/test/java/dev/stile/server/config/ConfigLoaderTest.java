package dev.stile.server.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stile.acme.validation.dns.DnsServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void stepLayout() throws IOException {
        Files.createDirectories(dir.resolve("certs"));
        Files.createDirectories(dir.resolve("secrets"));
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("certs/root_ca.crt"), "root");
        Files.writeString(dir.resolve("certs/intermediate_ca.crt"), "crt");
        Files.writeString(dir.resolve("secrets/intermediate_ca_key"), "key");
        file = dir.resolve("config/ca.json");
    }

    private ObjectNode minimal() {
        ObjectNode n = JSON.createObjectNode();
        n.put("root", "certs/root_ca.crt");
        n.put("crt", "certs/intermediate_ca.crt");
        n.put("key", "secrets/intermediate_ca_key");
        n.put("address", ":9000");
        return n;
    }

    private CaConfig load(String json) throws IOException {
        Files.writeString(file, json);
        return ConfigLoader.load(file);
    }

    @Test
    void readsAFullFileWithDefaultsAndRelativePathsResolvedAgainstTheCaDirectory() throws IOException {
        CaConfig c = load("""
                {"root": "certs/root_ca.crt", "federatedRoots": null,
                 "crt": "certs/intermediate_ca.crt", "key": "%s",
                 "password": "pw", "address": "127.0.0.1:9443", "insecureAddress": "",
                 "dnsNames": ["ca.example", "10.0.0.5", "[::1]"],
                 "logger": {"format": "json"},
                 "db": {"type": "badgerv2", "dataSource": "db"},
                 "tls": {"cipherSuites": ["TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"],
                         "minVersion": 1.2, "maxVersion": 1.3, "renegotiation": false},
                 "authority": {"provisioners": [{"type": "ACME", "name": "acme"}],
                               "claims": {"maxTLSCertDuration": "2160h"}, "backdate": "2m", "enableAdmin": false},
                 "crl": {"enabled": true, "cacheDuration": "1h30m"},
                 "validation": {"httpPort": 8080, "resolvers": ["127.0.0.1:5353"], "retryWindow": "2m"},
                 "ops": {"address": "127.0.0.1:9100"},
                 "somethingNew": true}
                """.formatted(dir.resolve("secrets/intermediate_ca_key")));

        assertThat(c.caDir()).isEqualTo(dir);
        assertThat(c.roots()).containsExactly(dir.resolve("certs/root_ca.crt"));
        assertThat(c.key()).isEqualTo(dir.resolve("secrets/intermediate_ca_key"));
        assertThat(c.password()).isEqualTo("pw");
        assertThat(c.address()).isEqualTo(new HostPort("127.0.0.1", 9443));
        assertThat(c.insecureAddress()).isNull();
        assertThat(c.dnsNames()).containsExactly("ca.example", "10.0.0.5", "::1");
        assertThat(c.logger().json()).isTrue();
        assertThat(c.db().kind()).isEqualTo(DbConfig.Kind.H2);
        assertThat(c.db().jdbcUrl()).isEqualTo("jdbc:h2:file:" + dir.resolve("db/stile"));
        assertThat(c.db().stepDataDir()).isEqualTo(dir.resolve("db"));
        assertThat(c.tls().cipherSuites()).first().isEqualTo("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
        assertThat(c.tls().protocols()).containsExactly("TLSv1.2", "TLSv1.3");
        assertThat(c.authority().provisioners()).hasSize(1);
        assertThat(c.authority().provisioners().get(0).get("name").asText()).isEqualTo("acme");
        assertThat(c.authority().claims().get("maxTLSCertDuration").asText()).isEqualTo("2160h");
        assertThat(c.authority().backdate()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.crl().enabled()).isTrue();
        assertThat(c.crl().cacheDuration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(c.validation().settings().httpPort()).isEqualTo(8080);
        assertThat(c.validation().settings().tlsPort()).isEqualTo(443);
        assertThat(c.validation().settings().resolvers()).containsExactly(new DnsServer("127.0.0.1", 5353));
        assertThat(c.validation().settings().retryWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.validation().raw().get("httpPort").asInt()).isEqualTo(8080);
        assertThat(c.ops().address()).isEqualTo(new HostPort("127.0.0.1", 9100));
    }

    @Test
    void appliesStepDefaults() throws IOException {
        CaConfig c = load(minimal().toString());
        assertThat(c.dnsNames()).containsExactly("localhost", "127.0.0.1", "::1");
        assertThat(c.address()).isEqualTo(new HostPort("", 9000));
        assertThat(c.tls()).isEqualTo(TlsConfig.defaults());
        assertThat(c.authority().backdate()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.db().jdbcUrl()).isEqualTo("jdbc:h2:file:" + dir.resolve("db/stile"));
        assertThat(c.validation().settings().retryWindow()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.logger().json()).isFalse();
    }

    @Test
    void turnsAStepPostgresDsnIntoJdbc() throws IOException {
        ObjectNode n = minimal();
        n.putObject("db").put("type", "postgresql").put("dataSource", "postgresql://step:p%40ss@db.local:5433/")
                .put("database", "stepca");
        DbConfig db = load(n.toString()).db();
        assertThat(db.kind()).isEqualTo(DbConfig.Kind.POSTGRESQL);
        assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:5433/stepca");
        assertThat(db.user()).isEqualTo("step");
        assertThat(db.password()).isEqualTo("p@ss");
        assertThat(db.toString()).doesNotContain("p@ss");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "address|\":abc\"|address: \":abc\" is not host:port",
            "address|9000|address: must be a string, not 9000",
            "root|\"certs/missing.crt\"|root: file ",
            "root|[\"certs/root_ca.crt\", 5]|root[1]: must be a non-empty string",
            "key|\"awskms:key-id=1\"|key: \"awskms:key-id=1\" is a KMS URI",
            "dnsNames|[]|dnsNames: must name at least one",
            "logger|{\"format\": \"xml\"}|logger.format: \"xml\" is not text or json",
            "db|{\"type\": \"mysql\", \"dataSource\": \"x\"}|db.type: \"mysql\" is not supported",
            "db|{\"type\": \"cassandra\", \"dataSource\": \"x\"}|db.type: \"cassandra\" is not one of",
            "db|{\"type\": \"postgresql\", \"dataSource\": \"mysql://x\"}|db.dataSource: must be a JDBC URL",
            "db|{\"type\": \"h2\"}|db.dataSource: is required",
            "tls|{\"minVersion\": 1.5}|tls.minVersion: 1.5 is not a TLS version",
            "tls|{\"minVersion\": 1.3, \"maxVersion\": 1.2}|tls.minVersion: is higher than maxVersion",
            "tls|{\"cipherSuites\": [\"TLS_FAKE\"]}|tls.cipherSuites: \"TLS_FAKE\" is not a cipher suite",
            "authority|{\"backdate\": \"1d\"}|authority.backdate: \"1d\" is not a duration",
            "authority|{\"backdate\": \"-1m\"}|authority.backdate: must not be negative",
            "authority|{\"provisioners\": [1]}|authority.provisioners[0]: must be a provisioner object",
            "authority|{\"enableAdmin\": \"yes\"}|authority.enableAdmin: must be true or false",
            "crl|{\"cacheDuration\": \"soon\"}|crl.cacheDuration: \"soon\" is not a duration",
            "validation|{\"httpPort\": 70000}|validation.httpPort: must be a port number (1-65535), got 70000",
            "validation|{\"resolvers\": [\"dns.google:53\"]}|validation.resolvers: \"dns.google:53\" must be an IP address",
            "validation|{\"resolvers\": [\":53\"]}|validation.resolvers: \":53\" must be an IP address",
            "validation|{\"tries\": 0}|validation.tries: must be a whole number from 1 to 10, got 0",
            "validation|{\"future\": 1}|validation.future: unknown key (known: allowNetworks,",
            "ops|{\"address\": \"nowhere\"}|ops.address: \"nowhere\" is not host:port",
    })
    void reportsEachBadValueInOneLineNamingFileAndKey(String key, String valueJson, String expected) throws IOException {
        ObjectNode n = minimal();
        n.set(key, JSON.readTree(valueJson));
        assertThatThrownBy(() -> load(n.toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": " + expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void reportsMissingRequiredKeysAndBrokenJson() throws IOException {
        ObjectNode n = minimal();
        n.remove("crt");
        assertThatThrownBy(() -> load(n.toString())).hasMessage(file + ": crt: is required");
        assertThatThrownBy(() -> load("{\"root\": ")).hasMessageStartingWith(file + ": not valid JSON at line 1");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.json")))
                .hasMessage(dir.resolve("nope.json") + ": file does not exist");
    }

    @Test
    void parsesHostPorts() {
        assertThat(HostPort.parse("[::1]:443")).isEqualTo(new HostPort("::1", 443));
        assertThat(HostPort.parse("localhost:0").port()).isZero();
        assertThat(new HostPort("::1", 443).toString()).isEqualTo("[::1]:443");
        for (String bad : List.of("::1:443", "host", "host:99999", "host:")) {
            assertThatThrownBy(() -> HostPort.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
