package dev.stile.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
            "24h, PT24H", "5m, PT5M", "1h30m, PT1H30M", "300ms, PT0.3S", "-5m, PT-5M",
            "2160h0m0s, PT2160H", "1.5h, PT1H30M", "0, PT0S", "90s, PT1M30S"})
    void parsesGoSyntax(String text, String iso) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1d", "abc", "5", "h", "1h 30m", "--5m"})
    void rejectsWhatGoRejects(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @ParameterizedTest
    @CsvSource({"PT24H, 24h0m0s", "PT5M, 5m0s", "PT0.3S, 300ms", "PT1H30M5S, 1h30m5s", "PT0S, 0s", "PT1.5S, 1.5s"})
    void formatsLikeGo(String iso, String text) {
        assertThat(GoDuration.format(Duration.parse(iso))).isEqualTo(text);
    }
}
