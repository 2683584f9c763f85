package dev.rollwatch.healthmonitor.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HealthMetricsTest {

    /** The Prometheus registry: a simple one publishes no percentile buckets, only the target's bound. */
    @Test
    void detectionLatencyIsAHistogramWithTheFiveMinuteTargetAsABucketBound() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HealthMetrics metrics = new HealthMetrics(registry);

        metrics.breachPublished(Duration.ofSeconds(20));
        metrics.breachPublished(Duration.ofMinutes(6));

        String scrape = registry.scrape();
        assertThat(scrape).contains("# TYPE rollwatch_health_detection_latency_seconds histogram");
        assertThat(scrape)
                .as("the alert's bound, spelt as the alert pins it, counts the detections within the target")
                .containsPattern(bucket("300\\.0", 1));
        assertThat(scrape)
                .as("buckets reach well past the target, so a p95 above it still reads")
                .containsPattern(bucket("(9[0-9]{2}|[0-9]{4,})\\.[0-9]+", 2));
    }

    private static Pattern bucket(String bound, int count) {
        return Pattern.compile(
                "^rollwatch_health_detection_latency_seconds_bucket\\{[^}]*le=\"" + bound + "\"[^}]*} " + count
                        + "(\\.0)?$",
                Pattern.MULTILINE);
    }
}
