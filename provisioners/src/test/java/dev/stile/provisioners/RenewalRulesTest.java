package dev.stile.provisioners;

import dev.stile.authority.ProvisionerExtension;

import dev.stile.authority.ProvisionerType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.provisioners.claims.Claims;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RenewalRulesTest {

    final Instant now = Instant.now();
    final KeyPair caKey = TestPki.ecKey();
    final X509Certificate ca = TestPki.ca("CA", caKey, null, null);

    ProvisionerRegistry registry() throws Exception {
        ObjectMapper m = new ObjectMapper();
        return ProvisionerRegistry.load(List.of(
                m.readTree("{\"type\":\"ACME\",\"name\":\"norenew\",\"claims\":{\"disableRenewal\":true}}"),
                m.readTree("{\"type\":\"ACME\",\"name\":\"late\",\"claims\":{\"allowRenewalAfterExpiry\":true}}"),
                m.readTree("{\"type\":\"ACME\",\"name\":\"plain\"}")), null);
    }

    X509Certificate cert(String provisioner, Instant nb, Instant na) {
        ProvisionerExtension ext = provisioner == null ? null
                : new ProvisionerExtension(ProvisionerType.ACME, provisioner, "");
        return TestPki.leaf("a", TestPki.ecKey(), ca, caKey, nb, na, ext, List.of("a"));
    }

    void check(X509Certificate c) throws Exception {
        ProvisionerRegistry r = registry();
        RenewalRules.check(c, RenewalRules.issuerOf(c, r), r.authorityClaims(), now);
    }

    @Test
    void renewalRules() throws Exception {
        X509Certificate valid = cert("plain", now.minusSeconds(60), now.plusSeconds(3600));
        assertThatCode(() -> check(valid)).doesNotThrowAnyException();
        assertThatThrownBy(() -> check(cert("norenew", now.minusSeconds(60), now.plusSeconds(3600))))
                .hasMessageContaining("renew is disabled for ACME provisioner \"norenew\"");
        X509Certificate expired = cert("plain", now.minusSeconds(7200), now.minusSeconds(60));
        assertThatThrownBy(() -> check(expired)).isInstanceOfSatisfying(AuthorizationException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.stepMessage()).startsWith("The request lacked necessary authorization to be completed: certificate expired on ");
        });
        assertThatCode(() -> check(cert("late", now.minusSeconds(7200), now.minusSeconds(60)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> check(cert("plain", now.plusSeconds(600), now.plusSeconds(3600))))
                .hasMessageContaining("is not valid until");
        assertThatThrownBy(() -> check(cert("gone", now.minusSeconds(60), now.plusSeconds(3600))))
                .hasMessageContaining("\"gone\", which is no longer configured");
        assertThatCode(() -> check(cert(null, now.minusSeconds(60), now.plusSeconds(3600)))).doesNotThrowAnyException();
        assertThat(RenewalRules.issuerOf(cert(null, now, now.plusSeconds(60)), registry())).isEmpty();
    }

    @Test
    void extensionRoundTrips() throws Exception {
        ProvisionerExtension e = new ProvisionerExtension(ProvisionerType.JWK, "admin@example.com", "kid-1");
        assertThat(ProvisionerExtension.decode(e.encode())).isEqualTo(e);
        X509Certificate c = TestPki.leaf("a", TestPki.ecKey(), ca, caKey, now, now.plusSeconds(60), e, List.of());
        assertThat(ProvisionerExtension.from(c)).contains(e);
    }
}
