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
    void requestedTimesAreEmptyTimesOrGoDurations() {
        RequestedTimes none = RequestedTimes.parse(NOW, "", "");
        assertThat(none.notBefore()).isNull();
        assertThat(none.notAfter()).isNull();
        assertThat(RequestedTimes.parse(NOW, "", "2160h0m0s").notAfter()).isEqualTo(NOW.plus(Duration.ofHours(2160)));
        RequestedTimes t = RequestedTimes.parse(NOW, "2026-11-27T13:00:00Z", "1h");
        assertThat(t.notBefore()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(t.notAfter()).isEqualTo(NOW.plusSeconds(7200));
        assertThat(RequestedTimes.parse(NOW, "-5m", "").notBefore()).isEqualTo(NOW.minusSeconds(300));
        assertThat(status(() -> RequestedTimes.parse(NOW, "", "tomorrow"))).isEqualTo(400);
        assertThatThrownBy(() -> RequestedTimes.parse(NOW, "soon", "")).hasMessageContaining("notBefore \"soon\"");
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
