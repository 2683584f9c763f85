package dev.rollwatch.healthmonitor.source.prometheus;

import dev.rollwatch.healthmonitor.config.HealthConfig;
import dev.rollwatch.healthmonitor.domain.Measurement;
import dev.rollwatch.healthmonitor.domain.Metric;
import dev.rollwatch.healthmonitor.domain.TrackMeasurement;
import dev.rollwatch.healthmonitor.domain.Traffic;
import dev.rollwatch.healthmonitor.source.Failures;
import dev.rollwatch.healthmonitor.source.MetricSource;
import dev.rollwatch.healthmonitor.source.Urls;
import dev.rollwatch.healthmonitor.source.WatchTarget;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures with PromQL over the Prometheus HTTP API: request rate, error rate and latency quantiles
 * of the canary and of the stable track, each one instant query over the window.
 */
@ApplicationScoped
public class PrometheusMetricSource implements MetricSource {

    public static final String TYPE = "prometheus";
    private static final List<Metric> METRICS =
            List.of(Metric.REQUEST_RATE, Metric.ERROR_RATE, Metric.LATENCY_P95, Metric.LATENCY_P99);

    private final PrometheusQueries queries;
    private final HealthConfig.Prometheus config;
    private final PrometheusAddresses addresses;
    private final String excludedRoutes;

    PrometheusMetricSource(PrometheusQueries queries, HealthConfig config) {
        this.queries = queries;
        this.config = config.prometheus();
        this.addresses = new PrometheusAddresses(this.config.address(), this.config.allowedAddresses());
        // Inside a PromQL double-quoted string, backslashes and quotes need escaping.
        this.excludedRoutes = config.routes().excluded().replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Uni<Measurement> measure(WatchTarget target, Instant now) {
        String address = target.source() != null && target.source().address() != null
                ? target.source().address()
                : config.address().orElse(null);
        if (address == null) {
            return Uni.createFrom()
                    .item(
                            Measurement.failed(
                                    now,
                                    target.policy().window(),
                                    Map.of(),
                                    "no Prometheus address: the release names none and rollwatch.health.prometheus.address is unset"));
        }
        if (!addresses.allows(address)) {
            // Not even a connection: the monitor sits inside the cluster, and a releaser's URL must not
            // make it reach (or read) whatever that URL names.
            return Uni.createFrom()
                    .item(Measurement.failed(
                            now,
                            target.policy().window(),
                            Map.of(),
                            "the Prometheus address " + Urls.redacted(address)
                                    + " is not allowed by the installation (rollwatch.health.prometheus.address "
                                    + "and allowed-addresses); not queried"));
        }
        Map<Metric, String> templates;
        try {
            // A release's own PromQL decides what its verdicts see: only where the installation allows it.
            templates = PromQlTemplates.templates(
                    config.queries(),
                    target.source() == null || !config.releaseQueries()
                            ? null
                            : target.source().queries());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Measurement.failed(now, target.policy().window(), Map.of(), e.getMessage()));
        }
        String base = Urls.base(address);
        Uni<TrackMeasurement> canary = track(TrackMeasurement.CANARY, base, templates, target, now);
        Uni<Optional<TrackMeasurement>> stable = target.hasBaseline()
                ? track(TrackMeasurement.STABLE, base, templates, target, now).map(Optional::of)
                : Uni.createFrom().item(Optional.empty());
        return Uni.combine()
                .all()
                .unis(canary, stable)
                .asTuple()
                .map(t -> new Measurement(
                        now.minus(target.policy().window()),
                        now,
                        target.policy().window(),
                        t.getItem1(),
                        t.getItem2().orElse(null)));
    }

    private Uni<TrackMeasurement> track(
            String track, String address, Map<Metric, String> templates, WatchTarget target, Instant now) {
        Map<Metric, String> rendered = new EnumMap<>(Metric.class);
        try {
            Map<String, String> variables = variables(track, target);
            variables.put("selector", PromQlTemplates.render(config.selector(), variables));
            templates.forEach((metric, template) -> rendered.put(metric, PromQlTemplates.render(template, variables)));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(TrackMeasurement.failed(track, rendered, e.getMessage()));
        }
        List<Uni<QueryOutcome>> answers = new ArrayList<>();
        for (Metric metric : METRICS) {
            answers.add(queries.query(address, rendered.get(metric), now)
                    .map(QueryOutcome::of)
                    .onFailure()
                    .recoverWithItem(
                            e -> QueryOutcome.failed(Failures.describe("Prometheus at " + Urls.redacted(address), e))));
        }
        Uni<HistogramOutcome> histogram = queries.query(address, rendered.get(Metric.LATENCY_BUCKETS), now)
                .map(response -> HistogramOutcome.of(response, config.latencyMillisPerUnit()))
                .onFailure()
                .recoverWithItem(
                        e -> HistogramOutcome.failed(Failures.describe("Prometheus at " + Urls.redacted(address), e)));
        return Uni.combine()
                .all()
                .unis(Uni.join().all(answers).andCollectFailures(), histogram)
                .asTuple()
                .map(t -> {
                    List<QueryOutcome> outcomes = t.getItem1();
                    for (int i = 0; i < METRICS.size(); i++) {
                        if (outcomes.get(i).failed()) {
                            return TrackMeasurement.failed(
                                    track,
                                    rendered,
                                    METRICS.get(i).key() + " query failed: "
                                            + outcomes.get(i).error());
                        }
                    }
                    double windowSeconds = target.policy().window().toMillis() / 1000.0;
                    double scale = config.latencyMillisPerUnit();
                    double requests = outcomes.get(0).value() * windowSeconds;
                    double errorRate = outcomes.get(1).value();
                    // Prometheus knows whole windows only: the judge pro-rates them into what is new (fresh = null).
                    // A failed histogram query leaves the latency unjudged, which the verdict then says.
                    Traffic window = new Traffic(
                            finite(requests),
                            finite(errorRate) * finite(requests),
                            t.getItem2().bucketsMs());
                    return new TrackMeasurement(
                            track,
                            requests,
                            errorRate,
                            outcomes.get(2).value() * scale,
                            outcomes.get(3).value() * scale,
                            rendered,
                            null,
                            window,
                            null,
                            null);
                });
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0;
    }

    private Map<String, String> variables(String track, WatchTarget target) {
        Map<String, String> variables = new HashMap<>();
        variables.put("application", target.application());
        variables.put("namespace", target.namespace());
        variables.put("track", track);
        variables.put("trackPattern", target.trackPattern(track));
        variables.put("window", target.policy().windowText());
        variables.put("version", target.version() == null ? "" : target.version());
        variables.put("releaseId", target.releaseId());
        variables.put("excludedRoutes", excludedRoutes);
        return variables;
    }
}
