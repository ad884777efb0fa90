package dev.stile.acme.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    final RetrySchedule schedule = RetrySchedule.of(Duration.ofSeconds(90));

    /** Offsets in seconds of every planned attempt after the first. */
    List<Long> plan(RetrySchedule s) {
        List<Long> out = new ArrayList<>();
        Instant t = T0;
        while (t.isBefore(s.deadline(T0))) {
            t = s.nextAttempt(T0, t);
            out.add(Duration.between(T0, t).toSeconds());
        }
        return out;
    }

    @Test
    void okPlanDoublesToFifteenSecondsAndEndsAtTheDeadline() {
        assertThat(plan(schedule)).containsExactly(1L, 3L, 7L, 15L, 30L, 45L, 60L, 75L, 90L);
        assertThat(plan(RetrySchedule.of(Duration.ofSeconds(40)))).containsExactly(1L, 3L, 7L, 15L, 30L, 40L);
    }

    @Test
    void okNextAttemptIsStrictlyAfterNowEvenBetweenPlannedInstants() {
        assertThat(schedule.nextAttempt(T0, T0.plusMillis(2500))).isEqualTo(T0.plusSeconds(3));
        assertThat(schedule.nextAttempt(T0, T0.plusSeconds(3))).isEqualTo(T0.plusSeconds(7));
        assertThat(schedule.nextAttempt(T0, T0.plusSeconds(61))).isEqualTo(T0.plusSeconds(75));
        assertThat(schedule.nextAttempt(T0, T0.plusSeconds(500))).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void okRetryAfterPointsJustPastTheNextAttempt() {
        // Triggered now: the first attempt runs at once, the second at +1 s; its result is in by +2 s.
        assertThat(schedule.retryAfter(T0, T0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(schedule.retryAfter(T0, T0.plusSeconds(16))).isEqualTo(Duration.ofSeconds(15));
        assertThat(schedule.retryAfter(T0, T0.plusSeconds(89))).isEqualTo(Duration.ofSeconds(2));
        assertThat(schedule.retryAfter(T0, T0.plusSeconds(120))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void okCertbotsThirtyPollsReachTheOutcomeOfTheDefaultWindow() {
        // certbot sleeps 1 s after answering, then honours Retry-After, at most 30 polls.
        assertThat(schedule.pollsUntilOutcome(Duration.ofSeconds(1))).isLessThanOrEqualTo(12);
        assertThat(RetrySchedule.of(Duration.ofMinutes(10)).pollsUntilOutcome(Duration.ofSeconds(1))).isGreaterThan(30);
    }
}
