package dev.stile.server.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stile.acme.problem.AcmeProblem;
import dev.stile.server.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code retention} and {@code ops.renewalWindow} keys, and the validation outcome classes. */
class OpsSettingsTest {

    private static final Path FILE = Path.of("/etc/stile/ca.json");

    private static OpsSettings parse(String json) throws Exception {
        return OpsSettings.from(FILE, new ObjectMapper().readTree(json));
    }

    @Test
    void defaultsWhenAbsentAndValuesWhenGiven() throws Exception {
        OpsSettings d = parse("{}");
        assertThat(d.retention().orders()).isEqualTo(Duration.ofDays(30));
        assertThat(d.retention().certificates()).isEqualTo(Duration.ofDays(90));
        assertThat(d.retention().batchSize()).isEqualTo(1000);
        assertThat(d.retentionOn()).isTrue();
        assertThat(d.renewalWindow()).isEqualTo(Duration.ofHours(8));

        OpsSettings s = parse("{\"ops\": {\"renewalWindow\": \"12h\"}, \"retention\": {\"orders\": \"48h\", "
                + "\"nonces\": \"30m\", \"tokens\": \"2h\", \"certificates\": \"720h\", \"validationFailures\": \"24h\", "
                + "\"batchSize\": 250, \"interval\": \"1m\", \"enabled\": false}}");
        assertThat(s.renewalWindow()).isEqualTo(Duration.ofHours(12));
        assertThat(s.retention().orders()).isEqualTo(Duration.ofHours(48));
        assertThat(s.retention().nonces()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.retention().tokens()).isEqualTo(Duration.ofHours(2));
        assertThat(s.retention().certificates()).isEqualTo(Duration.ofDays(30));
        assertThat(s.retention().validationFailures()).isEqualTo(Duration.ofHours(24));
        assertThat(s.retention().batchSize()).isEqualTo(250);
        assertThat(s.retention().interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.retentionOn()).isFalse();
    }

    @Test
    void badValuesNameTheKey() {
        assertThatThrownBy(() -> parse("{\"retention\": {\"orders\": \"a month\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("retention.orders").hasMessageContaining("a month");
        assertThatThrownBy(() -> parse("{\"retention\": {\"orders\": 720}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("retention.orders");
        assertThatThrownBy(() -> parse("{\"retention\": {\"batchSize\": 0}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("retention.batchSize");
        assertThatThrownBy(() -> parse("{\"retention\": {\"interval\": \"0s\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("retention.interval");
        assertThatThrownBy(() -> parse("{\"retention\": {\"order\": \"1h\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("retention.order").hasMessageContaining("unknown");
        assertThatThrownBy(() -> parse("{\"retention\": []}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("retention");
        assertThatThrownBy(() -> parse("{\"ops\": {\"renewalWindow\": \"-1h\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ops.renewalWindow");
    }

    @Test
    void outcomeClassesNameWhoMustAct() {
        assertThat(OutcomeClass.of(null)).isEqualTo(OutcomeClass.OK);
        assertThat(OutcomeClass.of(AcmeProblem.DNS.withDetail("SERVFAIL"))).isEqualTo(OutcomeClass.DNS);
        assertThat(OutcomeClass.of(AcmeProblem.CONNECTION.withDetail("refused"))).isEqualTo(OutcomeClass.CONNECTION);
        assertThat(OutcomeClass.of(AcmeProblem.TLS.withDetail("handshake"))).isEqualTo(OutcomeClass.TLS);
        assertThat(OutcomeClass.of(AcmeProblem.CAA.withDetail("forbidden"))).isEqualTo(OutcomeClass.CAA);
        assertThat(OutcomeClass.of(AcmeProblem.INCORRECT_RESPONSE.withDetail(
                "http://a.example/.well-known/acme-challenge/x (127.0.0.1:80) answered HTTP 404 Not Found instead of 200")))
                .isEqualTo(OutcomeClass.HTTP_STATUS);
        assertThat(OutcomeClass.of(AcmeProblem.INCORRECT_RESPONSE.withDetail(
                "http://a.example/x (127.0.0.1:80) answered HTTP 200 with \"abc\" instead of the key authorization")))
                .isEqualTo(OutcomeClass.UNAUTHORIZED);
        assertThat(OutcomeClass.of(AcmeProblem.UNAUTHORIZED.withDetail("x"))).isEqualTo(OutcomeClass.UNAUTHORIZED);
        assertThat(OutcomeClass.of(AcmeProblem.SERVER_INTERNAL.withDetail("x"))).isEqualTo(OutcomeClass.OTHER);
        assertThat(OutcomeClass.HTTP_STATUS.label()).isEqualTo("http_status");
    }
}
