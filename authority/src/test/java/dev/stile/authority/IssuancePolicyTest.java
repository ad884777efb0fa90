package dev.stile.authority;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IssuancePolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

    @Test
    void anAgreedWindowIsTakenAsIsOrFromTheLifetime() {
        IssuancePolicy agreed = IssuancePolicy.agreed(Duration.ofHours(6), Duration.ofMinutes(1));
        assertThat(agreed.validity(NOW, null, null))
                .isEqualTo(new Validity(NOW.minus(Duration.ofMinutes(1)), NOW.plus(Duration.ofHours(6))));
        // Longer than any step default: the caller agreed to it, so no min/max applies.
        Instant nb = NOW.plus(Duration.ofHours(1));
        Instant na = nb.plus(Duration.ofDays(90));
        assertThat(agreed.validity(NOW, nb, na)).isEqualTo(new Validity(nb, na));
        assertThatThrownBy(() -> agreed.validity(NOW, null, NOW.minusSeconds(1)))
                .hasMessageStartingWith("notAfter cannot be in the past");
        assertThatThrownBy(() -> agreed.validity(NOW, na, nb)).hasMessageStartingWith("notAfter cannot be before notBefore");
    }

    @Test
    void durationLimitsAreStepsRuleAndNameRulesAddUp() {
        assertThatThrownBy(() -> DurationLimits.STEP_DEFAULTS.validity(NOW, null, NOW.plus(Duration.ofDays(2))))
                .isInstanceOfSatisfying(AuthorityException.class,
                        e -> assertThat(e.category()).isEqualTo(AuthorityException.Category.FORBIDDEN));
        IssuancePolicy policy = DurationLimits.STEP_DEFAULTS
                .withNames((cn, sans) -> {
                    if (cn.endsWith(".lab")) {
                        throw AuthorityException.forbidden("no .lab names");
                    }
                })
                .withNames((cn, sans) -> {
                    if (!sans.ips().isEmpty()) {
                        throw AuthorityException.forbidden("no IPs");
                    }
                });
        policy.checkNames("ok.example", SubjectAlternativeNames.none());
        assertThatThrownBy(() -> policy.checkNames("nas.lab", SubjectAlternativeNames.none())).hasMessage("no .lab names");
        assertThatThrownBy(() -> policy.checkNames("x", SubjectAlternativeNames.classify(java.util.List.of("10.0.0.1"))))
                .hasMessage("no IPs");
        assertThat(policy.validity(NOW, null, null).notAfter()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    }
}
