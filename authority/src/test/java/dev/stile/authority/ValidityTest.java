package dev.stile.authority;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidityTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    private static final DurationLimits LIMITS = DurationLimits.STEP_DEFAULTS;

    @Test
    void defaultsBackdateTheStartOnly() {
        Validity v = Validity.compute(NOW, null, null, LIMITS);
        assertThat(v.notBefore()).isEqualTo(NOW.minusSeconds(60));
        assertThat(v.notAfter()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    @Test
    void requestedStartIsUsedAsIsAndDefaultEndFollowsIt() {
        Instant start = NOW.plus(Duration.ofHours(1));
        Validity v = Validity.compute(NOW, start, null, LIMITS);
        assertThat(v.notBefore()).isEqualTo(start);
        assertThat(v.notAfter()).isEqualTo(start.plus(Duration.ofHours(24)));
    }

    @Test
    void requestedEndWithinLimits() {
        Validity v = Validity.compute(NOW, null, NOW.plus(Duration.ofHours(1)), LIMITS);
        assertThat(v.notAfter()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void maxMayBeExceededByTheBackdateOnly() {
        // 24h + 1m backdate is exactly the ceiling.
        Validity.compute(NOW, null, NOW.plus(Duration.ofHours(24)), LIMITS);
        assertThatThrownBy(() -> Validity.compute(NOW, null, NOW.plus(Duration.ofHours(25)), LIMITS))
                .isInstanceOfSatisfying(AuthorityException.class,
                        e -> assertThat(e.category()).isEqualTo(AuthorityException.Category.FORBIDDEN))
                .hasMessage("requested duration of 25h1m0s is more than the authorized maximum certificate "
                        + "duration of 24h1m0s");
    }

    @Test
    void tooShortIsForbidden() {
        assertThatThrownBy(() -> Validity.compute(NOW, NOW, NOW.plus(Duration.ofMinutes(2)), LIMITS))
                .isInstanceOfSatisfying(AuthorityException.class,
                        e -> assertThat(e.category()).isEqualTo(AuthorityException.Category.FORBIDDEN))
                .hasMessage("requested duration of 2m0s is less than the authorized minimum certificate "
                        + "duration of 5m0s");
    }

    @Test
    void pastOrInvertedWindowsAreBadRequests() {
        assertThatThrownBy(() -> Validity.compute(NOW, NOW.minusSeconds(7200), NOW.minusSeconds(3600), LIMITS))
                .isInstanceOfSatisfying(AuthorityException.class,
                        e -> assertThat(e.category()).isEqualTo(AuthorityException.Category.BAD_REQUEST))
                .hasMessageStartingWith("notAfter cannot be in the past");
        assertThatThrownBy(() -> Validity.compute(NOW, NOW.plusSeconds(7200), NOW.plusSeconds(3600), LIMITS))
                .hasMessageStartingWith("notAfter cannot be before notBefore");
    }

    @Test
    void limitsAreValidated() {
        assertThatThrownBy(() -> new DurationLimits(Duration.ofHours(2), Duration.ofHours(1), Duration.ofHours(1),
                Duration.ZERO)).hasMessageContaining("min <= default <= max");
        assertThatThrownBy(() -> new DurationLimits(Duration.ZERO, Duration.ofHours(1), Duration.ofHours(1),
                Duration.ZERO)).hasMessageContaining("must be positive");
    }
}
