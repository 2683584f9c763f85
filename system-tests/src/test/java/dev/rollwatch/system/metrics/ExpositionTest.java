package dev.rollwatch.system.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionTest {

    @Test
    void everySeriesBelongsToTheFamilyItsTypeLineAnnounced() {
        Exposition scrape = Exposition.parse(Scrapes.RELEASE_SERVICE, Scrapes.HEALTH_MONITOR);

        assertThat(scrape.familyOf("rollwatch_releases"))
                .contains(new Exposition.Family("rollwatch_releases", "gauge"));
        assertThat(scrape.familyOf("rollwatch_events_consumed_total"))
                .contains(new Exposition.Family("rollwatch_events_consumed_total", "counter"));
        assertThat(scrape.familyOf("rollwatch_health_detection_latency_seconds_bucket"))
                .contains(new Exposition.Family("rollwatch_health_detection_latency_seconds", "histogram"));
        assertThat(scrape.familyOf("rollwatch_health_detection_latency_seconds_count"))
                .contains(new Exposition.Family("rollwatch_health_detection_latency_seconds", "histogram"));
        assertThat(scrape.familyOf("rollwatch_health_detection_latency_seconds_max"))
                .contains(new Exposition.Family("rollwatch_health_detection_latency_seconds_max", "gauge"));
        assertThat(scrape.familyOf("http_server_requests_seconds_count"))
                .contains(new Exposition.Family("http_server_requests_seconds", "summary"));
    }

    @Test
    void aFamilyWithoutTheSeriesAskedForIsKnownButTheSeriesIsNot() {
        Exposition scrape = Exposition.parse(Scrapes.HEALTH_MONITOR_WITH_A_SUMMARY);

        assertThat(scrape.familyOf("rollwatch_health_detection_latency_seconds_bucket"))
                .isEmpty();
        assertThat(scrape.family("rollwatch_health_detection_latency_seconds"))
                .contains(new Exposition.Family("rollwatch_health_detection_latency_seconds", "summary"));
    }

    @Test
    void labelsAreReadWithTheirEscapesAndBracesInsideValues() {
        Exposition scrape = Exposition.parse("""
            # TYPE http_server_requests_seconds histogram
            http_server_requests_seconds_bucket{uri="/api/v1/releases/{id}",note="a \\"quoted\\", b\\\\c",le="0.5"} 3
            """);

        assertThat(scrape.samples("http_server_requests_seconds_bucket"))
                .containsExactly(Map.of("uri", "/api/v1/releases/{id}", "note", "a \"quoted\", b\\c", "le", "0.5"));
    }

    @Test
    void aSampleWithoutATypeLineIsUntyped() {
        Exposition scrape = Exposition.parse("""
            # TYPE a gauge
            a 1
            b_total 2
            """);

        assertThat(scrape.familyOf("b_total")).contains(new Exposition.Family("b_total", "untyped"));
    }
}
