package dev.rollwatch.security;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Gives the HTTP request timer ({@code http_server_requests_seconds}) histogram buckets. Quarkus
 * publishes it as a summary without quantiles by default, from which no dashboard can take a p99 (and
 * client-side percentiles could not be aggregated over replicas). A few fixed bounds rather than the
 * full percentile histogram: every route, method and status multiplies them.
 */
@Singleton
public class ApiLatencyHistogram {

    static final String TIMER = "http.server.requests";

    private static final double[] BOUNDS_NANOS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .mapToDouble(millis -> Duration.ofMillis(millis).toNanos())
            .toArray();

    @Produces
    @Singleton
    MeterFilter apiLatencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                // Every route, the management ones too: one name must keep one type (histogram) across its
                // series, or the scrape would announce a histogram and a summary of the same name.
                if (!TIMER.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(BOUNDS_NANOS)
                        .build()
                        .merge(config);
            }
        };
    }
}
