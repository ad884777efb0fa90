package dev.stile.authority;

import dev.stile.authority.init.PkiGenerator;
import dev.stile.authority.inventory.InMemoryCertificateStore;
import dev.stile.authority.keys.KeyType;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateNameReaderTest {

    @Test
    void readsBackTheNamesTheAuthorityWrote() throws Exception {
        PkiGenerator.Pki pki = new PkiGenerator(Clock.systemUTC()).generate("Names", KeyType.EC_P256);
        Authority authority = new Authority(List.of(pki.root()), List.of(pki.intermediate()), pki.intermediateKey(),
                new InMemoryCertificateStore(), Clock.systemUTC());
        SubjectAlternativeNames written = SubjectAlternativeNames.classify(
                List.of("App.example.com", "10.0.0.5", "::1", "ops@example.com", "spiffe://example.com/app"));
        X509Certificate leaf = authority.issue(new IssueRequest(KeyType.EC_P256.generate().getPublic(), "a,b",
                written, null, null, DurationLimits.STEP_DEFAULTS, new ProvisionerIdentity("p", "JWK", ""), "me")).leaf();

        SubjectAlternativeNames read = CertificateNameReader.sans(leaf);
        assertThat(read).isEqualTo(written);
        assertThat(read.ips()).containsExactly(InetAddress.getByName("10.0.0.5"), InetAddress.getByName("::1"));
        assertThat(read.toTypedStrings()).first().isEqualTo("dns:App.example.com");
        assertThat(CertificateNameReader.commonName(leaf)).as("unescaped").isEqualTo("a,b");
        assertThat(CertificateNameReader.commonName(pki.root())).isNotEmpty();
        assertThat(CertificateNameReader.sans(pki.root()).isEmpty()).isTrue();
    }
}
