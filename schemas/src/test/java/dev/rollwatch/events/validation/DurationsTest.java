package dev.rollwatch.events.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesGoStyleDurations() {
        assertThat(Durations.parse("250ms")).contains(Duration.ofMillis(250));
        assertThat(Durations.parse("30s")).contains(Duration.ofSeconds(30));
        assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
        assertThat(Durations.parse("1.5s")).contains(Duration.ofMillis(1500));
    }

    @Test
    void rejectsAnythingElse() {
        assertThat(Durations.parse("5 minutes")).isEmpty();
        assertThat(Durations.parse("PT5M")).isEmpty();
        assertThat(Durations.parse("")).isEmpty();
        assertThat(Durations.parse(null)).isEmpty();
        assertThat(Durations.parse("10")).isEmpty();
    }

    @Test
    void formatsTheShortestForm() {
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofMillis(1250))).isEqualTo("1s250ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }
}
