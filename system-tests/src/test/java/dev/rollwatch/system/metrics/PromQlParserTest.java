package dev.rollwatch.system.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlParserTest {

    private static MetricUse only(String expression) {
        List<MetricUse> uses = PromQlParser.uses(expression);
        assertThat(uses).hasSize(1);
        return uses.get(0);
    }

    @Test
    void aQuantileOverBucketsNeedsAHistogramGroupedByLe() {
        MetricUse use =
                only("histogram_quantile(0.95, sum by (le) (rate(rollwatch_rollback_restore_seconds_bucket[15m])))");

        assertThat(use.name()).isEqualTo("rollwatch_rollback_restore_seconds_bucket");
        assertThat(use.need()).isEqualTo(Need.HISTOGRAM_BUCKETS);
        assertThat(use.groupedBy()).containsExactly("le");
    }

    @Test
    void aQuantileOverSomethingOtherThanBucketsStillNeedsHistogramBuckets() {
        assertThat(only("histogram_quantile(0.9, rate(latency_seconds[5m]))").need())
                .isEqualTo(Need.HISTOGRAM_BUCKETS);
    }

    @Test
    void rateAndIncreaseNeedACounterAndKeepTheSelectorsEqualities() {
        MetricUse use =
                only("sum(increase(rollwatch_events_consumed_total{outcome=\"dead-lettered\", topic=~\"a|b\"}[1h]))");

        assertThat(use.need()).isEqualTo(Need.COUNTER);
        assertThat(use.equalities()).isEqualTo(Map.of("outcome", "dead-lettered"));
        assertThat(use.groupedBy()).isEmpty();
        assertThat(only("irate(x_total[1m])").need()).isEqualTo(Need.COUNTER);
        assertThat(only("resets(x_total[1h])").need()).isEqualTo(Need.COUNTER);
    }

    @Test
    void deltaAndDerivNeedAGauge() {
        assertThat(only("clamp_min(delta(rollwatch_releases{state=\"SUCCEEDED\"}[1h]), 0)")
                        .need())
                .isEqualTo(Need.GAUGE);
        assertThat(only("deriv(queue_depth[10m])").need()).isEqualTo(Need.GAUGE);
        assertThat(only("predict_linear(disk_free[1h], 3600)").need()).isEqualTo(Need.GAUGE);
    }

    @Test
    void aSelectorReadAsItIsNeedsAnyTypeAndCarriesTheInnermostGrouping() {
        MetricUse use = only("sum(max by (state) (rollwatch_releases{state=~\"PENDING|PAUSED\"}))");

        assertThat(use.need()).isEqualTo(Need.ANY);
        assertThat(use.groupedBy()).containsExactly("state");
        assertThat(use.equalities()).isEmpty();
    }

    @Test
    void aGroupingAfterTheArgumentsCountsToo() {
        MetricUse use = only("sum(rate(http_server_requests_seconds_count[5m])) by (uri, status) > 0");

        assertThat(use.groupedBy()).containsExactlyInAnyOrder("uri", "status");
        assertThat(use.need()).isEqualTo(Need.COUNTER);
    }

    @Test
    void withoutRequiresNoLabel() {
        assertThat(only("sum without (pod) (up)").groupedBy()).isEmpty();
    }

    @Test
    void everyOperandOfBinaryOperatorsIsFoundWithItsOwnNeed() {
        List<MetricUse> uses = PromQlParser.uses("""
            sum(increase(detect_seconds_count[1h]))
              - on() group_left sum(increase(detect_seconds_bucket{le="300.0"}[1h])) > bool 0
              and max(rollwatch_releases) unless -vector(1) or avg_over_time(lag[5m] offset 5m) @ end()
            """);

        assertThat(uses)
                .extracting(MetricUse::name, MetricUse::need)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("detect_seconds_count", Need.COUNTER),
                        org.assertj.core.groups.Tuple.tuple("detect_seconds_bucket", Need.HISTOGRAM_BUCKETS),
                        org.assertj.core.groups.Tuple.tuple("rollwatch_releases", Need.ANY),
                        org.assertj.core.groups.Tuple.tuple("lag", Need.ANY));
        assertThat(uses.get(1).equalities()).isEqualTo(Map.of("le", "300.0"));
    }

    @Test
    void subqueriesCommentsAndScalarsAreRead() {
        List<MetricUse> uses = PromQlParser.uses("""
            # the worst minute of the hour
            max_over_time(rate(requests_total[1m])[1h:1m]) * 100 / scalar(count(up)) >= Inf
            """);

        assertThat(uses).extracting(MetricUse::name).containsExactly("requests_total", "up");
        assertThat(uses.get(0).need()).isEqualTo(Need.COUNTER);
    }

    @Test
    void aMetricNamedInsideTheBracesIsFound() {
        assertThat(only("{__name__=\"rollwatch_outbox_lag_seconds\", service=\"x\"}")
                        .name())
                .isEqualTo("rollwatch_outbox_lag_seconds");
        assertThat(only("{\"rollwatch.outbox.lag\"}").name()).isEqualTo("rollwatch.outbox.lag");
    }

    @Test
    void labelMakersHideTheGroupingAboveThem() {
        MetricUse use = only("sum by (app) (label_replace(up, \"app\", \"$1\", \"job\", \"(.*)\"))");

        assertThat(use.groupedBy()).isEmpty();
    }

    @Test
    void keywordsMayBeLabelNames() {
        assertThat(only("sum by (on, by) (x{offset=\"1\", bool!=\"2\"})").groupedBy())
                .isEqualTo(Set.of("on", "by"));
    }

    @Test
    void aMetricChosenByPatternIsRefusedBecauseItCannotBeChecked() {
        assertThatThrownBy(() -> PromQlParser.uses("{__name__=~\"rollwatch_.*\"}"))
                .isInstanceOf(PromQlException.class)
                .hasMessageContaining("pattern");
    }

    @Test
    void malformedExpressionsAreRefusedSayingWhere() {
        assertThatThrownBy(() -> PromQlParser.uses("sum(rate(x[5m])"))
                .isInstanceOf(PromQlException.class)
                .hasMessageContaining("unbalanced parentheses");
        assertThatThrownBy(() -> PromQlParser.uses("abs(rate(x[5m])"))
                .isInstanceOf(PromQlException.class)
                .hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> PromQlParser.uses("rate(x[5m)"))
                .isInstanceOf(PromQlException.class)
                .hasMessageContaining("unterminated range");
        assertThatThrownBy(() -> PromQlParser.uses("x{job=\"a}"))
                .isInstanceOf(PromQlException.class)
                .hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> PromQlParser.uses("x y"))
                .isInstanceOf(PromQlException.class)
                .hasMessageContaining("expected the end of the expression");
        assertThatThrownBy(() -> PromQlParser.uses("x{job}"))
                .isInstanceOf(PromQlException.class)
                .hasMessageContaining("unexpected '}'");
        assertThatThrownBy(() -> PromQlParser.uses("x $ y"))
                .isInstanceOf(PromQlException.class)
                .hasMessageContaining("unexpected character '$'");
    }
}
