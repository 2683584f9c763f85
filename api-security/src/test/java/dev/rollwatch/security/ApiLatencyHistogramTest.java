package dev.rollwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApiLatencyHistogramTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    ApiLatencyHistogramTest() {
        registry.config().meterFilter(new ApiLatencyHistogram().apiLatencyBuckets());
    }

    private Timer requests(String uri) {
        Timer timer = Timer.builder(ApiLatencyHistogram.TIMER).tag("uri", uri).register(registry);
        timer.record(Duration.ofMillis(30));
        return timer;
    }

    @Test
    void anApiRouteIsTimedIntoBucketsUpTo10Seconds() {
        var buckets = requests("/api/v1/releases/{id}").takeSnapshot().histogramCounts();

        assertThat(buckets).hasSize(11);
        assertThat(buckets[0].bucket(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(5.0);
        assertThat(buckets[10].bucket(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(10.0);
        assertThat(buckets[3].count()).as("30 ms falls in the 50 ms bucket").isEqualTo(1);
    }

    @Test
    void managementRoutesGetTheSameBucketsSoTheMetricKeepsOneType() {
        assertThat(requests("/q/metrics").takeSnapshot().histogramCounts()).hasSize(11);
    }

    @Test
    void otherTimersGetNoBuckets() {
        Timer other = Timer.builder("other").tag("uri", "/api/v1/releases").register(registry);
        assertThat(other.takeSnapshot().histogramCounts()).isEmpty();
    }
}
