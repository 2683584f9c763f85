package dev.rollwatch.healthmonitor.source;

import dev.rollwatch.events.Slo;
import dev.rollwatch.healthmonitor.config.HealthConfig;
import dev.rollwatch.healthmonitor.source.noop.NoopMetricSource;
import dev.rollwatch.healthmonitor.source.prometheus.PrometheusMetricSource;
import dev.rollwatch.healthmonitor.source.scrape.ScrapeMetricSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/** The explicit factory of metric sources: a type it does not know is an error, never a silent default. */
@ApplicationScoped
public class MetricSources {

    private final List<MetricSource> sources;
    private final Slo.MetricSource defaultSource;

    MetricSources(
            PrometheusMetricSource prometheus, ScrapeMetricSource scrape, NoopMetricSource none, HealthConfig config) {
        this.sources = List.of(prometheus, scrape, none);
        String type = config.defaultSource().toLowerCase(Locale.ROOT);
        forType(type);
        this.defaultSource = switch (type) {
            case PrometheusMetricSource.TYPE ->
                new Slo.MetricSource(
                        Slo.MetricSource.Type.PROMETHEUS,
                        config.prometheus()
                                .address()
                                .orElseThrow(
                                        () -> new IllegalStateException(
                                                "rollwatch.health.default-source=prometheus needs rollwatch.health.prometheus.address")),
                        null,
                        null,
                        null);
            case ScrapeMetricSource.TYPE -> new Slo.MetricSource(Slo.MetricSource.Type.SCRAPE, null, null, null, null);
            default -> null;
        };
    }

    /**
     * The provider for a type name.
     *
     * @throws IllegalArgumentException for a type no provider answers to
     */
    public MetricSource forType(String type) {
        return sources.stream()
                .filter(s -> s.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown metric source type '" + type
                        + "': known types are "
                        + String.join(
                                ", ", sources.stream().map(MetricSource::type).toList())));
    }

    /** The release's metric source, or the configured default when it names none (null: not watched). */
    public Slo.MetricSource effective(Slo slo) {
        if (slo != null && slo.metricSource() != null) {
            return slo.metricSource();
        }
        return defaultSource;
    }

    /** The type name of a release's source; none for no source or one the release declined explicitly. */
    public static String typeOf(Slo.MetricSource source) {
        if (source == null) {
            return NoopMetricSource.TYPE;
        }
        return switch (source.type()) {
            case PROMETHEUS -> PrometheusMetricSource.TYPE;
            case SCRAPE -> ScrapeMetricSource.TYPE;
            case NONE -> NoopMetricSource.TYPE;
        };
    }
}
