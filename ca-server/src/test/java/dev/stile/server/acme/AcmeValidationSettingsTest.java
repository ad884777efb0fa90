package dev.stile.server.acme;

import dev.stile.acme.validation.ValidationSettings;
import dev.stile.acme.validation.dns.DnsServer;
import dev.stile.server.StartupException;
import dev.stile.server.config.CaConfig;
import dev.stile.server.config.ConfigLoader;
import dev.stile.server.config.HostPort;
import dev.stile.server.testsupport.TestCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ca.json's validation block reaches the validators; {@code --resolver} wins over validation.resolvers. */
class AcmeValidationSettingsTest {

    @TempDir
    Path dir;

    private CaConfig config(String validation) throws Exception {
        TestCa ca = TestCa.create(dir);
        String json = Files.readString(ca.config());
        int end = json.lastIndexOf('}');
        Files.writeString(ca.config(), json.substring(0, end) + ", \"validation\": " + validation + "}\n");
        return ConfigLoader.load(ca.config());
    }

    @Test
    void ok_keysOfTheValidationBlockArePassedOn() throws Exception {
        ValidationSettings s = AcmeWiring.validationSettings(config(
                "{\"httpPort\": 8080, \"tlsPort\": 8443, \"resolvers\": [\"127.0.0.53:5353\"], \"retryWindow\": \"30s\"}"));
        assertThat(s.httpPort()).isEqualTo(8080);
        assertThat(s.tlsPort()).isEqualTo(8443);
        assertThat(s.resolvers()).containsExactly(new DnsServer("127.0.0.53", 5353));
        assertThat(s.retryWindow()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void ok_theResolverFlagReplacesConfiguredResolvers() throws Exception {
        CaConfig c = config("{\"resolvers\": [\"127.0.0.53:5353\"]}");
        c = c.withValidation(c.validation().withResolvers(List.of(new HostPort("127.0.0.9", 1053))));
        assertThat(AcmeWiring.validationSettings(c).resolvers()).containsExactly(new DnsServer("127.0.0.9", 1053));
    }

    @Test
    void fail_aBadKeyStopsTheStartNamingFileAndKey() throws Exception {
        CaConfig c;
        try {
            c = config("{\"tries\": 0}");
        } catch (RuntimeException e) {
            // ConfigLoader may already refuse it; then it names the key as well.
            assertThat(e.getMessage()).contains("validation.tries");
            return;
        }
        CaConfig bad = c;
        assertThatThrownBy(() -> AcmeWiring.validationSettings(bad)).isInstanceOf(StartupException.class)
                .hasMessageContaining("ca.json").hasMessageContaining("validation.tries");
    }
}
