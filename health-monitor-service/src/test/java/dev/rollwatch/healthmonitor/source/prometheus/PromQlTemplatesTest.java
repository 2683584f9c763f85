package dev.rollwatch.healthmonitor.source.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.healthmonitor.domain.Metric;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromQlTemplatesTest {

    private static Map<String, String> variables(String track) {
        Map<String, String> v = new HashMap<>(Map.of(
                "application",
                "checkout",
                "namespace",
                "shop",
                "track",
                track,
                "window",
                "1m",
                "version",
                "1.4.2",
                "releaseId",
                "rel-1"));
        v.put(
                "selector",
                PromQlTemplates.render("namespace=\"{{namespace}}\",app=\"{{application}}\",track=\"{{track}}\"", v));
        return v;
    }

    @Test
    void theBuiltInErrorRateReadsTheStandardHistogramOfOneTrack() {
        String query = PromQlTemplates.render(PromQlTemplates.BUILT_IN.get(Metric.ERROR_RATE), variables("canary"));

        assertThat(query)
                .isEqualTo("(sum(rate(http_server_requests_seconds_count{ namespace=\"shop\",app=\"checkout\","
                        + "track=\"canary\", status=~\"5..\" }[1m])) or vector(0)) / sum(rate(http_server_requests_seconds_count{ "
                        + "namespace=\"shop\",app=\"checkout\",track=\"canary\" }[1m]))");
    }

    @Test
    void theBuiltInLatencyIsAHistogramQuantileOverTheWindow() {
        assertThat(PromQlTemplates.render(PromQlTemplates.BUILT_IN.get(Metric.LATENCY_P95), variables("stable")))
                .isEqualTo("histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket{ "
                        + "namespace=\"shop\",app=\"checkout\",track=\"stable\" }[1m])))");
    }

    @Test
    void aReleaseOverridesTheOperatorWhoOverridesTheBuiltIns() {
        Map<Metric, String> templates = PromQlTemplates.templates(
                Map.of("errorRate", "operator-errors", "latencyP99", "operator-p99"),
                Map.of(
                        "errorRate",
                        "sum(rate(grpc_server_handled_total{app=\"{{ application }}\",code!=\"OK\"}[{{window}}]))"));

        assertThat(templates.get(Metric.LATENCY_P99)).isEqualTo("operator-p99");
        assertThat(PromQlTemplates.render(templates.get(Metric.ERROR_RATE), variables("canary")))
                .isEqualTo("sum(rate(grpc_server_handled_total{app=\"checkout\",code!=\"OK\"}[1m]))");
        assertThat(templates.get(Metric.REQUEST_RATE)).isEqualTo(PromQlTemplates.BUILT_IN.get(Metric.REQUEST_RATE));
    }

    @Test
    void anUnknownVariableOrMeasurementFailsLoudly() {
        assertThatThrownBy(() -> PromQlTemplates.render("up{pod=\"{{pod}}\"}", variables("canary")))
                .hasMessageStartingWith("unknown variable {{pod}} in query template");
        assertThatThrownBy(() -> PromQlTemplates.templates(Map.of(), Map.of("saturation", "x")))
                .hasMessage("slo.metricSource.queries.saturation is not a known measurement");
    }
}
