package dev.rollwatch.events.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Slo;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSourceRulesTest {

    private static List<FieldError> check(Slo.MetricSource source) {
        Errors errors = new Errors();
        MetricSourceRules.check(errors, source, null, null);
        return errors.list();
    }

    @Test
    void anUnknownQueryNameIsToldTheNamesItMayUse() {
        Slo.MetricSource prometheus = new Slo.MetricSource(
                Slo.MetricSource.Type.PROMETHEUS, "http://prometheus:9090", Map.of("p50", "up"), null, null);

        assertThat(check(prometheus))
                .containsExactly(new FieldError(
                        "slo.metricSource.queries.p50",
                        "is not a known measurement: one of errorRate, latencyP95, latencyP99, requestRate"));
    }

    @Test
    void aScrapeSourceTakesNoQueriesAndNamesEachBadEndpoint() {
        Slo.MetricSource scrape = new Slo.MetricSource(
                Slo.MetricSource.Type.SCRAPE,
                null,
                Map.of("errorRate", "up"),
                List.of("http://10.0.0.1:8080/metrics", "https://user:secret@10.0.0.2/metrics"),
                List.of("10.0.0.3:8080"));

        assertThat(check(scrape))
                .containsExactly(
                        new FieldError(
                                "slo.metricSource.canaryEndpoints[1]",
                                "must not embed credentials; configure them in the service instead"),
                        new FieldError("slo.metricSource.stableEndpoints[0]", "must be an absolute http(s) URL"),
                        new FieldError("slo.metricSource.queries", "belongs to the prometheus source"));
    }

    @Test
    void aScrapeSourceListsAtMostAHundredEndpointsPerVersion() {
        Slo.MetricSource scrape = new Slo.MetricSource(
                Slo.MetricSource.Type.SCRAPE, null, null, Collections.nCopies(101, "http://10.0.0.1/metrics"), null);

        assertThat(check(scrape))
                .containsExactly(
                        new FieldError("slo.metricSource.canaryEndpoints", "must not list more than 100 endpoints"));
    }
}
