package dev.rollwatch.system.metrics;

/** Canned scrapes in the shape Micrometer's Prometheus registry writes them. */
final class Scrapes {

    static final String RELEASE_SERVICE = """
        # HELP rollwatch_releases Releases by state
        # TYPE rollwatch_releases gauge
        rollwatch_releases{state="PENDING"} 0.0
        rollwatch_releases{state="SUCCEEDED"} 2.0
        # HELP rollwatch_events_consumed_total
        # TYPE rollwatch_events_consumed_total counter
        rollwatch_events_consumed_total{outcome="applied",topic="step.completed"} 14.0
        # HELP http_server_requests_seconds
        # TYPE http_server_requests_seconds summary
        http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/api/v1/releases/{id}"} 9
        http_server_requests_seconds_sum{method="GET",outcome="SUCCESS",status="200",uri="/api/v1/releases/{id}"} 0.21
        """;

    /** As the services' registry (Prometheus simpleclient) writes it: a comma after the last label. */
    static final String HEALTH_MONITOR = """
        # HELP rollwatch_health_detection_latency_seconds From the end of a breach's first DEGRADED window
        # TYPE rollwatch_health_detection_latency_seconds histogram
        rollwatch_health_detection_latency_seconds_bucket{le="1.0",} 0.0
        rollwatch_health_detection_latency_seconds_bucket{le="300.0",} 1.0
        rollwatch_health_detection_latency_seconds_bucket{le="+Inf",} 1.0
        rollwatch_health_detection_latency_seconds_count 1
        rollwatch_health_detection_latency_seconds_sum 2.5
        # HELP rollwatch_health_detection_latency_seconds_max
        # TYPE rollwatch_health_detection_latency_seconds_max gauge
        rollwatch_health_detection_latency_seconds_max 2.5
        # TYPE rollwatch_outbox_lag_seconds gauge
        rollwatch_outbox_lag_seconds 0.0
        """;

    /** The detection latency as it was: client-side percentiles, a summary with no buckets. */
    static final String HEALTH_MONITOR_WITH_A_SUMMARY = """
        # TYPE rollwatch_health_detection_latency_seconds summary
        rollwatch_health_detection_latency_seconds{quantile="0.5"} 2.5
        rollwatch_health_detection_latency_seconds{quantile="0.95"} 2.5
        rollwatch_health_detection_latency_seconds_count 1
        rollwatch_health_detection_latency_seconds_sum 2.5
        """;

    private Scrapes() {}
}
