package dev.rollwatch.rollback.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RollbackMetricsTest {

    /** The Prometheus registry: a simple one publishes no percentile buckets, only the target's bound. */
    @Test
    void restoreTimeIsAHistogramWithTheFifteenMinuteTargetAsABucketBound() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RollbackMetrics metrics = new RollbackMetrics(registry);
        Instant triggered = Instant.parse("2026-12-07T12:00:00Z");

        metrics.restore("verified", triggered, triggered.plus(Duration.ofMinutes(3)));
        metrics.restore("verified", triggered, triggered.plus(Duration.ofMinutes(20)));

        String scrape = registry.scrape();
        assertThat(scrape).contains("# TYPE rollwatch_rollback_restore_seconds histogram");
        assertThat(scrape)
                .as("the alert's bound, spelt as the alert pins it, counts the restores within the target")
                .containsPattern(bucket("900\\.0", 1));
        assertThat(scrape)
                .as("buckets reach well past the target, so a p95 above it still reads")
                .containsPattern(bucket("([2-9][0-9]{3}|[0-9]{5,})\\.[0-9]+", 2));
    }

    @Test
    void theRestoreHistogramIsScrapedAtZeroBeforeTheFirstRestoreSoTheFirstSlowOneShowsAsAnIncrease() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new RollbackMetrics(registry);

        assertThat(registry.scrape())
                .containsPattern(Pattern.compile(
                        "^rollwatch_rollback_restore_seconds_count\\{[^}]*result=\"verified\"[^}]*} 0(\\.0)?$",
                        Pattern.MULTILINE))
                .containsPattern(bucket("900\\.0", 0));
    }

    private static Pattern bucket(String bound, int count) {
        return Pattern.compile(
                "^rollwatch_rollback_restore_seconds_bucket\\{[^}]*le=\"" + bound + "\"[^}]*} " + count + "(\\.0)?$",
                Pattern.MULTILINE);
    }
}
