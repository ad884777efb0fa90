package dev.stile.provisioners.token;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AudiencesTest {

    final Audiences a = new Audiences(List.of("ca.example.com", "10.0.0.5", "::1"));

    @Test
    void portsAreIgnoredButHostsAndPathsAreNot() {
        assertThat(a.matches(List.of("https://ca.example.com:9000/1.0/sign"), TokenPurpose.SIGN)).isTrue();
        assertThat(a.matches(List.of("https://ca.example.com/sign"), TokenPurpose.SIGN)).isTrue();
        assertThat(a.matches(List.of("https://10.0.0.5:443/1.0/revoke"), TokenPurpose.REVOKE)).isTrue();
        assertThat(a.matches(List.of("https://[::1]:9000/renew"), TokenPurpose.RENEW)).isTrue();
        assertThat(a.matches(List.of("https://other.example.com/1.0/sign"), TokenPurpose.SIGN)).isFalse();
        assertThat(a.matches(List.of("http://ca.example.com/1.0/sign"), TokenPurpose.SIGN)).isFalse();
        assertThat(a.matches(List.of("https://ca.example.com/1.0/renew"), TokenPurpose.SIGN)).isFalse();
        assertThat(a.matches(List.of("step-certificate-authority"), TokenPurpose.RENEW)).isFalse();
        assertThat(a.matches(List.of("nope", "step-certificate-authority"), TokenPurpose.SIGN)).isTrue();
    }
}
