package dev.stile.provisioners.claims;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.provisioners.AuthorizationException;
import dev.stile.provisioners.ProvisionerConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClaimsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void mergesProvisionerOverAuthorityOverBuiltIn() throws Exception {
        Claims authority = Claims.forAuthority(JSON.readTree("{\"maxTLSCertDuration\":\"2160h\",\"disableRenewal\":true}"));
        Claims p = Claims.merge(JSON.readTree("{\"defaultTLSCertDuration\":\"720h\",\"disableRenewal\":false,"
                + "\"allowRenewalAfterExpiry\":true}"), authority, "x");
        assertThat(p.minTlsDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.maxTlsDuration()).isEqualTo(Duration.ofHours(2160));
        assertThat(p.defaultTlsDuration()).isEqualTo(Duration.ofHours(720));
        assertThat(p.disableRenewal()).isFalse();
        assertThat(p.allowRenewalAfterExpiry()).isTrue();
        assertThat(p.disableSmallstepExtensions()).isFalse();
        assertThat(Claims.merge(null, authority, "x")).isSameAs(authority);
        assertThat(Claims.forAuthority(null)).isEqualTo(Claims.BUILT_IN);
    }

    @Test
    void validatesAtLoad() {
        assertThatThrownBy(() -> Claims.forAuthority(JSON.readTree("{\"minTLSCertDuration\":\"0s\"}")))
                .isInstanceOf(ProvisionerConfigException.class).hasMessageContaining("greater than zero");
        assertThatThrownBy(() -> Claims.forAuthority(JSON.readTree("{\"maxTLSCertDuration\":\"1h\"}")))
                .hasMessageContaining("authority.claims: TLS certificate durations must satisfy");
        assertThatThrownBy(() -> Claims.forAuthority(JSON.readTree("{\"maxTLSCertDuration\":\"90d\"}")))
                .hasMessageContaining("authority.claims.maxTLSCertDuration").hasMessageContaining("\"90d\"");
        assertThatThrownBy(() -> Claims.forAuthority(JSON.readTree("{\"disableRenewal\":\"yes\"}")))
                .hasMessageContaining("must be true or false");
    }

    @Test
    void validityDefaultsAndBackdate() {
        Validity v = Validity.compute(NOW, "", "", Claims.BUILT_IN, Validity.DEFAULT_BACKDATE);
        assertThat(v.notBefore()).isEqualTo(NOW.minusSeconds(60));
        assertThat(v.notAfter()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    @Test
    void validityAcceptsDurationsAndTimes() {
        Claims c = new Claims(Duration.ofMinutes(5), Duration.ofHours(2160), Duration.ofHours(24), false, false, false);
        Validity v = Validity.compute(NOW, "", "2160h0m0s", c, Validity.DEFAULT_BACKDATE);
        assertThat(v.notAfter()).isEqualTo(NOW.plus(Duration.ofHours(2160)));
        Validity t = Validity.compute(NOW, "2026-11-27T13:00:00Z", "1h", c, Validity.DEFAULT_BACKDATE);
        assertThat(t.notBefore()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(t.notAfter()).isEqualTo(NOW.plusSeconds(7200));
    }

    @Test
    void validityRefusesOutOfBoundsRequests() {
        assertThat(status(() -> Validity.compute(NOW, "", "2160h", Claims.BUILT_IN, Validity.DEFAULT_BACKDATE)))
                .isEqualTo(403);
        assertThatThrownBy(() -> Validity.compute(NOW, "", "2160h", Claims.BUILT_IN, Validity.DEFAULT_BACKDATE))
                .hasMessageContaining("requested duration of 2160h0m0s is more than the authorized maximum certificate duration of 24h0m0s");
        assertThat(status(() -> Validity.compute(NOW, "", "1m", Claims.BUILT_IN, Validity.DEFAULT_BACKDATE))).isEqualTo(403);
        assertThat(status(() -> Validity.compute(NOW, "", "-1h", Claims.BUILT_IN, Validity.DEFAULT_BACKDATE))).isEqualTo(400);
        assertThat(status(() -> Validity.compute(NOW, "2h", "2026-11-27T13:00:00Z", Claims.BUILT_IN,
                Validity.DEFAULT_BACKDATE))).isEqualTo(400);
        assertThat(status(() -> Validity.compute(NOW, "", "tomorrow", Claims.BUILT_IN, Validity.DEFAULT_BACKDATE))).isEqualTo(400);
    }

    static int status(Runnable r) {
        try {
            r.run();
        } catch (AuthorizationException e) {
            return e.status();
        }
        return 0;
    }
}
