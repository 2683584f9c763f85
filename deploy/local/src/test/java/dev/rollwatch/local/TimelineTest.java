package dev.rollwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.EventType;
import dev.rollwatch.events.Evidence;
import dev.rollwatch.events.HealthPassed;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void followsEveryTopicAnEventIsPublishedOn() {
        assertThat(Timeline.TOPICS)
                .containsAll(
                        Arrays.stream(EventType.values()).map(EventType::topic).toList());
    }

    @Test
    void aHealthyVerdictPrintsItsWeightSourceAndSummary() {
        Instant end = Instant.parse("2026-11-20T14:02:11Z");
        Evidence errorRate = new Evidence(
                "errorRate",
                "scrape",
                "1m",
                end.minusSeconds(60),
                end,
                0.004,
                null,
                0.05,
                Evidence.Comparison.ABSOLUTE,
                2310);
        HealthPassed passed = new HealthPassed(
                "shop-1.1",
                10,
                end,
                "scrape",
                List.of(errorRate),
                "all SLOs met: error rate 0.4% (95% upper bound 0.68% < 5%, 2310 requests)");

        assertThat(Timeline.describe(passed))
                .isEqualTo(
                        "judged HEALTHY at 10% (scrape): all SLOs met: error rate 0.4% (95% upper bound 0.68% < 5%, 2310 requests)");
    }
}
