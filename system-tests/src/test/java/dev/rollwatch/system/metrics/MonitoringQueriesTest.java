package dev.rollwatch.system.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.system.metrics.MetricCoverage.Query;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitoringQueriesTest {

    /** The committed rendering of the production overlay, what the system test holds to the services. */
    private static final Path PRODUCTION = Path.of("..", "deploy", "kubernetes", "rendered", "production.yaml");

    @Test
    void panelTargetsAndAlertRulesAreTakenFromTheManifestsNamedByWhereTheyAreUsed() {
        List<Query> queries = MonitoringQueries.of("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: board, labels: {grafana_dashboard: "1"}}
            data:
              board.json: |
                {"panels": [{"title": "Lag", "targets": [{"refId": "A", "expr": "max(lag_seconds)"},
                                                          {"refId": "B", "expr": "min(lag_seconds)"}]}]}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: not-a-dashboard}
            data: {x.json: '{"panels": [{"title": "No", "targets": [{"expr": "no"}]}]}'}
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: rules}
            spec:
              groups:
                - name: g
                  rules:
                    - {record: "job:lag:max", expr: "max by (job) (lag_seconds)"}
                    - {alert: Lagging, expr: "job:lag:max > 30", for: 5m}
            """);

        assertThat(queries)
                .containsExactly(
                        new Query("panel \"Lag\" A", "max(lag_seconds)"),
                        new Query("panel \"Lag\" B", "min(lag_seconds)"),
                        new Query("recording rule job:lag:max", "max by (job) (lag_seconds)"),
                        new Query("alert Lagging", "job:lag:max > 30"));
    }

    /** The fast tier's guard: a query the parser cannot read fails here before any system test runs. */
    @Test
    void everyInstalledQueryIsReadableAndSelectsAMetric() {
        List<Query> queries = MonitoringQueries.of(PRODUCTION);

        assertThat(queries)
                .extracting(Query::where)
                .contains("panel \"Outbox lag\" A", "alert RollwatchDetectionSlowerThan5Minutes");
        assertThat(queries)
                .allSatisfy(query -> assertThat(PromQlParser.uses(query.expression()))
                        .as(query.where())
                        .isNotEmpty());
    }
}
