package dev.rollwatch.release.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Slo;
import dev.rollwatch.events.WatchCoverage;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import dev.rollwatch.events.validation.FieldError;
import org.junit.jupiter.api.Test;

class WatchPolicyTest {

    private final WatchPolicy noDefaultSource = new WatchPolicy(Slo.MetricSource.Type.NONE);
    private final WatchPolicy scrapeByDefault = new WatchPolicy(Slo.MetricSource.Type.SCRAPE);

    @Test
    void refusesAReleaseWithoutAMetricSourceWhenTheInstallationHasNoneAndSaysHowToFixIt() {
        FieldError refusal = noDefaultSource
                .refusal(ReleaseRequestBuilder.canary().withoutMetricSource().build())
                .orElseThrow();

        assertThat(refusal.field()).isEqualTo("slo.metricSource");
        assertThat(refusal.message())
                .contains(
                        "ROLLWATCH_HEALTH_DEFAULT_SOURCE is none",
                        "Name a source",
                        "set slo.metricSource.type to none to accept an unwatched release");
    }

    @Test
    void acceptsAReleaseWithoutAMetricSourceWhenTheInstallationHasADefaultOne() {
        var request = ReleaseRequestBuilder.canary().withoutMetricSource().build();

        assertThat(scrapeByDefault.refusal(request)).isEmpty();
        assertThat(scrapeByDefault.coverageOf(request)).isEqualTo(WatchCoverage.WATCHED);
    }

    @Test
    void acceptsAnExplicitlyUnwatchedReleaseAndMarksItUnwatchedWhateverTheInstallationHas() {
        var request = ReleaseRequestBuilder.canary().unwatched().build();

        assertThat(noDefaultSource.refusal(request)).isEmpty();
        assertThat(noDefaultSource.coverageOf(request)).isEqualTo(WatchCoverage.UNWATCHED_BY_REQUEST);
        assertThat(scrapeByDefault.coverageOf(request)).isEqualTo(WatchCoverage.UNWATCHED_BY_REQUEST);
    }

    @Test
    void acceptsAReleaseNamingItsOwnSourceOnAnInstallationWithoutOne() {
        var request = ReleaseRequestBuilder.canary().build();

        assertThat(noDefaultSource.refusal(request)).isEmpty();
        assertThat(noDefaultSource.coverageOf(request)).isEqualTo(WatchCoverage.WATCHED);
    }
}
