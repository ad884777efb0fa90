package dev.stile.acme.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ClientPatienceTest {

    @Test
    void okTheDefaultWindowSuitsEveryClient() {
        assertThat(ClientPatience.warning(RetrySchedule.of(Duration.ofSeconds(90)), "validation.retryWindow")).isEmpty();
        assertThat(ClientPatience.warning(RetrySchedule.of(Duration.ofSeconds(110)), "validation.retryWindow")).isEmpty();
    }

    @Test
    void failALongWindowNamesTheClientsThatGiveUpAndTheKey() {
        String w = ClientPatience.warning(RetrySchedule.of(Duration.ofMinutes(10)), "validation.retryWindow").orElseThrow();
        assertThat(w).startsWith("validation.retryWindow 600 s is longer than cert-manager (about 2 min), lego")
                .contains("certbot (30 polls").contains("never show the cause");
    }
}
