package dev.rollwatch.healthmonitor.source;

import dev.rollwatch.events.Slo;
import dev.rollwatch.healthmonitor.config.HealthConfig;
import dev.rollwatch.healthmonitor.source.none.NoMetricSource;
import dev.rollwatch.healthmonitor.source.prometheus.PrometheusMetricSource;
import dev.rollwatch.healthmonitor.source.scrape.ScrapeMetricSource;
import dev.rollwatch.providers.ProviderRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The explicit factory of metric sources, keyed by the type name a watch stores in {@code source_type}
 * (prometheus, scrape, none): stored rows are looked up as they are, with no translation that a
 * rename could break. A type it does not know is an error, never a silent default.
 */
@ApplicationScoped
public class MetricSources {

    private final ProviderRegistry<String, MetricSource> registry;
    private final Slo.MetricSource defaultSource;

    @Inject
    MetricSources(Instance<MetricSource> sources, HealthConfig config) {
        // Sorted so that the known types read the same in every message, whatever order CDI finds them in.
        this(
                sources.stream()
                        .sorted(Comparator.comparing(MetricSource::type))
                        .toList(),
                config.defaultSource(),
                config.prometheus().address());
    }

    /**
     * The factory over exactly these sources (one per type) and {@link NoMetricSource}.
     *
     * @param defaultSource     the type for releases that name no source (rollwatch.health.default-source)
     * @param prometheusAddress where a prometheus default queries (rollwatch.health.prometheus.address)
     * @throws IllegalStateException    when two sources answer to one type, or a prometheus default has no address
     * @throws IllegalArgumentException when the default names a type no source answers to
     */
    public MetricSources(
            Iterable<? extends MetricSource> sources, String defaultSource, Optional<String> prometheusAddress) {
        List<MetricSource> all = new ArrayList<>();
        sources.forEach(all::add);
        // Registered under its type as well: an unwatched release's watch stores "none", and ending it looks that up.
        all.add(NoMetricSource.INSTANCE);
        this.registry = ProviderRegistry.of("metric source", MetricSource::type, all, NoMetricSource.INSTANCE);
        this.defaultSource = defaultFor(defaultSource.toLowerCase(Locale.ROOT), prometheusAddress);
    }

    private Slo.MetricSource defaultFor(String type, Optional<String> prometheusAddress) {
        forType(type);
        return switch (type) {
            case PrometheusMetricSource.TYPE ->
                new Slo.MetricSource(
                        Slo.MetricSource.Type.PROMETHEUS,
                        prometheusAddress.orElseThrow(
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
     * The provider for a type name, as a watch stores it.
     *
     * @throws IllegalArgumentException for a type no provider answers to, naming the known ones
     */
    public MetricSource forType(String type) {
        return registry.get(type);
    }

    /** The source of releases that are not measured. */
    public MetricSource none() {
        return registry.none();
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
            return NoMetricSource.TYPE;
        }
        return switch (source.type()) {
            case PROMETHEUS -> PrometheusMetricSource.TYPE;
            case SCRAPE -> ScrapeMetricSource.TYPE;
            case NONE -> NoMetricSource.TYPE;
        };
    }
}
