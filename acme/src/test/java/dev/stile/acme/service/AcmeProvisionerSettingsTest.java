package dev.stile.acme.service;

import dev.stile.acme.model.ChallengeType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcmeProvisionerSettingsTest {

    @Test
    void okDefaultsAreStepCas() {
        AcmeProvisionerSettings s = AcmeProvisionerSettings.defaults("acme");
        assertThat(s.challengeTypes()).isEqualTo(EnumSet.of(ChallengeType.HTTP_01, ChallengeType.DNS_01, ChallengeType.TLS_ALPN_01));
        assertThat(s.defaultLifetime()).isEqualTo(Duration.ofHours(24));
        assertThat(s.maxLifetime()).isEqualTo(Duration.ofHours(24));
        assertThat(s.minLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(DirectoryMeta.of(s).isEmpty()).isTrue();
    }

    @Test
    void okMetaListsProfiles() {
        AcmeProvisionerSettings s = new AcmeProvisionerSettings("acme", null, true, "https://tos", null, null, null, null,
                null, Map.of("short", new AcmeProvisionerSettings.Profile("6 hours", Duration.ofHours(6))), null, null);
        DirectoryMeta meta = DirectoryMeta.of(s);
        assertThat(meta.profiles()).containsEntry("short", "6 hours");
        assertThat(meta.externalAccountRequired()).isTrue();
        assertThat(meta.termsOfService()).isEqualTo("https://tos");
    }

    @Test
    void failInconsistentLifetimesNameTheProvisioner() {
        assertThatThrownBy(() -> new AcmeProvisionerSettings("acme", null, false, null, null, null, Duration.ofHours(48),
                null, null, null, null, null)).hasMessageContaining("acme").hasMessageContaining("default PT48H");
        assertThatThrownBy(() -> new AcmeProvisionerSettings("acme", null, false, null, null, null, null, null, null,
                Map.of("long", new AcmeProvisionerSettings.Profile("a week", Duration.ofDays(7))), null, null))
                .hasMessageContaining("profile long");
    }

    @Test
    void okLinksFollowStepCasLayout() {
        AcmeLinks l = new AcmeLinks("https://ca.test:9000", "my acme");
        assertThat(l.directory()).isEqualTo("https://ca.test:9000/acme/my%20acme/directory");
        assertThat(l.challenge("a", "c")).isEqualTo("https://ca.test:9000/acme/my%20acme/challenge/a/c");
        assertThat(AcmeLinks.accountUrls("https://ca.test:9000").accountUrl("my acme", "x")).isEqualTo(l.account("x"));
    }
}
