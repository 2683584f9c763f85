package dev.rollwatch.healthmonitor.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.events.Slo;
import dev.rollwatch.healthmonitor.domain.Measurement;
import dev.rollwatch.healthmonitor.source.none.NoMetricSource;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricSourcesTest {

    /** A source that only says which type it is. */
    private record Named(String type) implements MetricSource {
        @Override
        public Uni<Measurement> measure(WatchTarget target, Instant now) {
            throw new UnsupportedOperationException();
        }
    }

    private final MetricSource prometheus = new Named("prometheus");
    private final MetricSource scrape = new Named("scrape");

    private MetricSources sources(String defaultSource, Optional<String> prometheusAddress) {
        return new MetricSources(List.of(prometheus, scrape), defaultSource, prometheusAddress);
    }

    private final MetricSources sources = sources("none", Optional.empty());

    @Test
    void answersEachStoredTypeNameWithItsSource() {
        assertThat(sources.forType("prometheus")).isSameAs(prometheus);
        assertThat(sources.forType("scrape")).isSameAs(scrape);
        assertThat(sources.forType("none")).isSameAs(NoMetricSource.INSTANCE);
    }

    @Test
    void refusesAnUnknownTypeByNameListingTheKnownOnes() {
        assertThatThrownBy(() -> sources.forType("datadog"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown metric source type 'datadog'; known types: prometheus, scrape, none");
        assertThatThrownBy(() -> sources.forType(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesTwoSourcesForOneType() {
        assertThatThrownBy(
                        () -> new MetricSources(List.of(prometheus, new Named("prometheus")), "none", Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two metric source providers for type 'prometheus'");
        assertThatThrownBy(() -> new MetricSources(List.of(new Named("none")), "none", Optional.empty()))
                .as("no provider can take the null object's type")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReleaseWithoutSourceIsMeasuredByTheNullObject() {
        assertThat(sources.none()).isSameAs(NoMetricSource.INSTANCE);
        assertThat(MetricSources.typeOf(null)).isEqualTo("none");
        assertThat(sources.forType(MetricSources.typeOf(null))).isSameAs(sources.none());
        assertThat(MetricSources.typeOf(new Slo.MetricSource(Slo.MetricSource.Type.NONE, null, null, null, null)))
                .isEqualTo("none");
    }

    @Test
    void storesTheTypeNamesWatchesAlreadyHold() {
        assertThat(MetricSources.typeOf(
                        new Slo.MetricSource(Slo.MetricSource.Type.PROMETHEUS, "http://p", null, null, null)))
                .isEqualTo("prometheus");
        assertThat(MetricSources.typeOf(new Slo.MetricSource(Slo.MetricSource.Type.SCRAPE, null, null, null, null)))
                .isEqualTo("scrape");
    }

    @Test
    void aReleaseNamingASourceKeepsIt() {
        Slo.MetricSource own = new Slo.MetricSource(Slo.MetricSource.Type.SCRAPE, null, null, null, null);

        assertThat(sources("prometheus", Optional.of("http://prometheus:9090")).effective(slo(own)))
                .isSameAs(own);
    }

    @Test
    void aNoneDefaultLeavesReleasesWithoutSourceUnwatched() {
        assertThat(sources.effective(null)).isNull();
        assertThat(sources.effective(slo(null))).isNull();
    }

    @Test
    void aPrometheusDefaultQueriesTheConfiguredAddress() {
        Slo.MetricSource effective =
                sources("Prometheus", Optional.of("http://prometheus:9090")).effective(null);

        assertThat(effective.type()).isEqualTo(Slo.MetricSource.Type.PROMETHEUS);
        assertThat(effective.address()).isEqualTo("http://prometheus:9090");
    }

    @Test
    void aScrapeDefaultScrapesThePods() {
        assertThat(sources("scrape", Optional.empty()).effective(slo(null)))
                .isEqualTo(new Slo.MetricSource(Slo.MetricSource.Type.SCRAPE, null, null, null, null));
    }

    @Test
    void aPrometheusDefaultWithoutAddressFailsTheStart() {
        assertThatThrownBy(() -> sources("prometheus", Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("rollwatch.health.default-source=prometheus needs rollwatch.health.prometheus.address");
    }

    @Test
    void aDefaultNoSourceProvidesFailsTheStart() {
        assertThatThrownBy(() -> sources("datadog", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'datadog'");
    }

    private static Slo slo(Slo.MetricSource source) {
        return new Slo(null, null, null, null, null, null, null, null, source);
    }
}
