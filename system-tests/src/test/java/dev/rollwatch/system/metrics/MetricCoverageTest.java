package dev.rollwatch.system.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.system.metrics.MetricCoverage.Query;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricCoverageTest {

    private static final Exposition SCRAPE = Exposition.parse(Scrapes.RELEASE_SERVICE, Scrapes.HEALTH_MONITOR);

    private static List<String> problems(String expression) {
        return problems(expression, SCRAPE);
    }

    private static List<String> problems(String expression, Exposition scrape) {
        return MetricCoverage.problems(List.of(new Query("panel \"P\" A", expression)), scrape);
    }

    @Test
    void queriesThatFitTheScrapeHaveNoProblems() {
        assertThat(problems("histogram_quantile(0.95, sum by (le)"
                        + " (rate(rollwatch_health_detection_latency_seconds_bucket[15m])))"))
                .isEmpty();
        assertThat(problems("max by (state) (rollwatch_releases{state=\"SUCCEEDED\"})"))
                .isEmpty();
        assertThat(problems("sum by (topic, outcome) (rate(rollwatch_events_consumed_total[5m]))"))
                .isEmpty();
        assertThat(problems("sum(increase(rollwatch_health_detection_latency_seconds_count[1h]))"
                        + " - sum(increase(rollwatch_health_detection_latency_seconds_bucket{le=\"300.0\"}[1h])) > 0"))
                .isEmpty();
        assertThat(problems("clamp_min(max by (state) (delta(rollwatch_releases[1h])), 0)"))
                .isEmpty();
        assertThat(problems("sum(rate(http_server_requests_seconds_count{uri=\"/api/v1/releases/{id}\"}[5m]))"))
                .isEmpty();
    }

    @Test
    void aMetricNoServiceExposesIsReportedWithWhereItIsQueried() {
        assertThat(problems(
                        "histogram_quantile(0.95, sum by (le) (rate(rollwatch_health_detection_seconds_bucket[15m])))"))
                .singleElement()
                .asString()
                .startsWith("panel \"P\" A: ")
                .contains("rollwatch_health_detection_seconds_bucket is exposed by no service");
    }

    @Test
    void bucketsOfASummaryAreReportedMissingNamingTheSummary() {
        assertThat(problems(
                        "histogram_quantile(0.95, sum by (le)"
                                + " (rate(rollwatch_health_detection_latency_seconds_bucket[15m])))",
                        Exposition.parse(Scrapes.HEALTH_MONITOR_WITH_A_SUMMARY)))
                .singleElement()
                .asString()
                .contains("rollwatch_health_detection_latency_seconds_bucket is exposed by no service")
                .contains("rollwatch_health_detection_latency_seconds is a summary");
    }

    @Test
    void increaseOnAGaugeIsAWrongType() {
        assertThat(problems("sum by (state) (increase(rollwatch_releases{state=~\"SUCCEEDED|FAILED\"}[1h]))"))
                .singleElement()
                .asString()
                .contains("rollwatch_releases must be a counter for this query, but it is of the gauge"
                        + " rollwatch_releases");
    }

    @Test
    void deltaOnACounterAndAQuantileOverASummaryAreWrongTypes() {
        assertThat(problems("delta(rollwatch_events_consumed_total[1h])"))
                .singleElement()
                .asString()
                .contains("must be a gauge");
        assertThat(problems("histogram_quantile(0.99, rate(http_server_requests_seconds_count[5m]))"))
                .singleElement()
                .asString()
                .contains("must be a histogram's _bucket series")
                .contains("summary http_server_requests_seconds");
    }

    @Test
    void aBucketBoundTheHistogramDoesNotHaveIsReported() {
        assertThat(problems("rollwatch_health_detection_latency_seconds_bucket{le=\"300\"}"))
                .singleElement()
                .asString()
                .contains("has no bucket le=\"300\"; its bounds are [+Inf, 1.0, 300.0]");
    }

    @Test
    void aLabelNoSeriesCarriesIsReportedUnlessPrometheusAddsIt() {
        assertThat(problems("max by (application) (rollwatch_outbox_lag_seconds)"))
                .singleElement()
                .asString()
                .contains("grouped by application, a label none of its series has");
        assertThat(problems("rollwatch_releases{stat=\"SUCCEEDED\"}"))
                .singleElement()
                .asString()
                .contains("matched on stat, a label none of its series has");
        assertThat(problems("max by (service, pod) (rollwatch_outbox_lag_seconds)"))
                .isEmpty();
    }

    @Test
    void theResultOfARecordingRuleIsNotLookedForInTheScrape() {
        assertThat(problems("job:rollwatch_outbox_lag_seconds:max > 30")).isEmpty();
    }

    @Test
    void anUnreadableQueryIsAProblemNotACrash() {
        assertThat(problems("sum(rate(rollwatch_events_consumed_total[5m])"))
                .singleElement()
                .asString()
                .contains("unreadable query");
    }
}
