package dev.rollwatch.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import org.junit.jupiter.api.Test;

class WatchCoverageTest {

    @Test
    void aReleaseNamingItsSourceIsWatchedWhateverTheInstallationHas() {
        Slo slo = ReleaseRequestBuilder.canary().build().slo();

        assertThat(WatchCoverage.of(slo, Slo.MetricSource.Type.NONE)).isEqualTo(WatchCoverage.WATCHED);
        assertThat(WatchCoverage.WATCHED.reason()).isNull();
    }

    @Test
    void aReleaseNamingNoSourceIsWatchedOnlyWhenTheInstallationHasADefault() {
        Slo slo = ReleaseRequestBuilder.canary().withoutMetricSource().build().slo();

        assertThat(WatchCoverage.of(slo, Slo.MetricSource.Type.SCRAPE)).isEqualTo(WatchCoverage.WATCHED);
        assertThat(WatchCoverage.of(slo, Slo.MetricSource.Type.NONE)).isEqualTo(WatchCoverage.UNWATCHED_WITHOUT_SOURCE);
        assertThat(WatchCoverage.of(null, Slo.MetricSource.Type.NONE))
                .isEqualTo(WatchCoverage.UNWATCHED_WITHOUT_SOURCE);
        assertThat(WatchCoverage.UNWATCHED_WITHOUT_SOURCE.reason())
                .isEqualTo("the request names no slo.metricSource and the installation's default source is none");
    }

    @Test
    void aReleaseAskingForNoSourceIsUnwatchedEvenWhenTheInstallationHasOne() {
        Slo slo = ReleaseRequestBuilder.canary().unwatched().build().slo();

        WatchCoverage coverage = WatchCoverage.of(slo, Slo.MetricSource.Type.PROMETHEUS);

        assertThat(coverage).isEqualTo(WatchCoverage.UNWATCHED_BY_REQUEST);
        assertThat(coverage.watched()).isFalse();
        assertThat(coverage.reason()).isEqualTo("the request sets slo.metricSource.type to none");
    }
}
