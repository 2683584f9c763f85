package dev.rollwatch.events.validation;

import static dev.rollwatch.events.Strategy.CanaryStep.pauseFor;
import static dev.rollwatch.events.Strategy.CanaryStep.pauseUntilResumed;
import static dev.rollwatch.events.Strategy.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.NotificationTarget;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReleaseValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private static List<String> fieldsIn(ReleaseRequestBuilder builder) {
        return ReleaseValidator.validate(builder.build(), NOW).stream()
                .map(FieldError::field)
                .toList();
    }

    @Test
    void acceptsTheFixtureReleasesOfEveryStrategy() {
        assertThat(fieldsIn(ReleaseRequestBuilder.canary())).isEmpty();
        assertThat(fieldsIn(ReleaseRequestBuilder.blueGreen())).isEmpty();
        assertThat(fieldsIn(ReleaseRequestBuilder.rolling())).isEmpty();
    }

    @Test
    void namesEveryOffendingFieldAtOnce() {
        ReleaseRequestBuilder request = ReleaseRequestBuilder.canary()
                .application("Checkout_Service")
                .namespace(null)
                .image("registry.example.com/shop/checkout")
                .steps(weight(30), weight(20), weight(120));

        assertThat(fieldsIn(request))
                .containsExactly(
                        "application",
                        "namespace",
                        "image",
                        "strategy.canary.steps[1].setWeight",
                        "strategy.canary.steps[2].setWeight");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-shop",
                "shop-",
                "Shop",
                "shop.prod",
                "a234567890123456789012345678901234567890123456789012345678901234"
            })
    void rejectsNamespacesThatAreNotDns1123Labels(String namespace) {
        assertThat(fieldsIn(ReleaseRequestBuilder.canary().namespace(namespace)))
                .containsExactly("namespace");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "checkout:1.4.2",
                "ghcr.io/acme/checkout:v2",
                "localhost:5000/checkout:dev-1",
                "registry.example.com/shop/checkout@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "registry.example.com:443/shop/check_out:1.4.2-rc.1"
            })
    void acceptsPinnedImageReferences(String image) {
        assertThat(fieldsIn(ReleaseRequestBuilder.canary().image(image))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Checkout:1.0",
                "checkout:",
                "checkout:1.0 ",
                "https://ghcr.io/acme/checkout:1",
                "checkout@sha256:abc",
                "ghcr.io/acme/checkout"
            })
    void rejectsImageReferencesOutsideTheGrammarOrNotPinned(String image) {
        assertThat(fieldsIn(ReleaseRequestBuilder.canary().image(image))).containsExactly("image");
    }

    @Test
    void canaryWeightsMustStayWithin0And100() {
        assertThat(fieldsIn(ReleaseRequestBuilder.canary().steps(weight(-1), weight(50), weight(101))))
                .containsExactly("strategy.canary.steps[0].setWeight", "strategy.canary.steps[2].setWeight");
    }

    @Test
    void canaryWeightsMustIncrease() {
        assertThat(ReleaseValidator.validate(
                        ReleaseRequestBuilder.canary()
                                .steps(weight(10), pauseFor("5m"), weight(10))
                                .build(),
                        NOW))
                .containsExactly(new FieldError(
                        "strategy.canary.steps[2].setWeight", "must be greater than the previous weight (10)"));
    }

    @Test
    void canaryStepSetsExactlyOneAction() {
        Strategy.CanaryStep both = new Strategy.CanaryStep(10, new Strategy.Pause("1m"));
        Strategy.CanaryStep neither = new Strategy.CanaryStep(null, null);

        assertThat(fieldsIn(ReleaseRequestBuilder.canary().steps(both, weight(20), neither)))
                .containsExactly("strategy.canary.steps[0]", "strategy.canary.steps[2]");
    }

    @Test
    void canaryNeedsAtLeastOneWeightStep() {
        assertThat(fieldsIn(ReleaseRequestBuilder.canary().steps(pauseUntilResumed())))
                .containsExactly("strategy.canary.steps");
    }

    @Test
    void pauseDurationsMustParse() {
        assertThat(fieldsIn(ReleaseRequestBuilder.canary().steps(weight(10), pauseFor("5 minutes"), weight(100))))
                .containsExactly("strategy.canary.steps[1].pause.duration");
    }

    @Test
    void strategyBlockMustMatchItsType() {
        Strategy mismatched =
                new Strategy(Strategy.Type.ROLLING, new Strategy.Canary(List.of(weight(10))), null, null, null);

        assertThat(fieldsIn(ReleaseRequestBuilder.rolling().strategy(mismatched)))
                .containsExactly("strategy.canary");
    }

    @Test
    void rollingCannotHaveZeroSurgeAndZeroUnavailable() {
        Strategy stuck = new Strategy(Strategy.Type.ROLLING, null, null, new Strategy.Rolling("0%", "0"), null);

        assertThat(fieldsIn(ReleaseRequestBuilder.rolling().strategy(stuck))).containsExactly("strategy.rolling");
    }

    @Test
    void bakeTimeMustBeADuration() {
        Strategy rolling =
                new Strategy(Strategy.Type.ROLLING, null, null, new Strategy.Rolling("1", "0", "two minutes"), null);

        assertThat(fieldsIn(ReleaseRequestBuilder.rolling().strategy(rolling)))
                .containsExactly("strategy.rolling.bakeTime");
    }

    @Test
    void trafficRouterOnlyAppliesToCanary() {
        assertThat(fieldsIn(ReleaseRequestBuilder.blueGreen()
                        .trafficRouter(new TrafficRouter(TrafficRouter.Type.ISTIO, null, null, null, null))))
                .containsExactly("trafficRouter");
    }

    @Test
    void routerServicesMustDiffer() {
        assertThat(fieldsIn(ReleaseRequestBuilder.canary()
                        .trafficRouter(
                                new TrafficRouter(TrafficRouter.Type.SMI, "checkout", "checkout", "checkout", null))))
                .containsExactly("trafficRouter.canaryService");
    }

    @Test
    void sloRangesAreChecked() {
        Slo slo = new Slo(5.0, -1.0, 100.0, 0.5, 0, "0s", "1m", 0, null);

        assertThat(fieldsIn(ReleaseRequestBuilder.canary().slo(slo)))
                .containsExactly(
                        "slo.maxErrorRate",
                        "slo.maxP95LatencyMs",
                        "slo.maxRegressionRatio",
                        "slo.minRequestsPerWindow",
                        "slo.interval",
                        "slo.consecutiveFailures");
    }

    @Test
    void p99LimitCannotBeBelowP95AndWindowCannotBeShorterThanInterval() {
        Slo slo = new Slo(0.05, 2000.0, 1000.0, null, 10, "1m", "30s", 3, null);

        assertThat(fieldsIn(ReleaseRequestBuilder.canary().slo(slo)))
                .containsExactly("slo.maxP99LatencyMs", "slo.window");
    }

    @Test
    void metricSourceSettingsMustFitItsType() {
        Slo.MetricSource prometheus = new Slo.MetricSource(
                Slo.MetricSource.Type.PROMETHEUS,
                "prometheus:9090",
                Map.of("errors", "up"),
                List.of("http://10.0.0.1:8080/metrics"),
                null);

        assertThat(fieldsIn(ReleaseRequestBuilder.canary()
                        .slo(new Slo(null, null, null, null, null, null, null, null, prometheus))))
                .containsExactly("slo.metricSource.address", "slo.metricSource.queries.errors", "slo.metricSource");
    }

    @Test
    void acceptsAReleaseThatExplicitlyAsksToBeUnwatched() {
        assertThat(fieldsIn(ReleaseRequestBuilder.canary().unwatched())).isEmpty();
    }

    @Test
    void anUnwatchedSourceCarriesNoSettingsAndEachOneIsNamed() {
        Slo.MetricSource none = new Slo.MetricSource(
                Slo.MetricSource.Type.NONE,
                "http://prometheus:9090",
                Map.of("errorRate", "up"),
                List.of("http://10.0.0.1:8080/metrics"),
                List.of("http://10.0.0.2:8080/metrics"));

        List<FieldError> errors = ReleaseValidator.validate(
                ReleaseRequestBuilder.canary()
                        .slo(new Slo(null, null, null, null, null, null, null, null, none))
                        .build(),
                NOW);

        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactly(
                        "slo.metricSource.address",
                        "slo.metricSource.queries",
                        "slo.metricSource.canaryEndpoints",
                        "slo.metricSource.stableEndpoints");
        assertThat(errors.get(0).message()).contains("slo.metricSource.type is none");
    }

    @ParameterizedTest
    @EnumSource(Slo.WhenUnjudged.class)
    void anUnwatchedReleaseCannotChooseWhatToDoWithoutAVerdict(Slo.WhenUnjudged choice) {
        List<FieldError> errors = ReleaseValidator.validate(
                ReleaseRequestBuilder.canary().unwatched().whenUnjudged(choice).build(), NOW);

        assertThat(errors).extracting(FieldError::field).containsExactly("slo.whenUnjudged");
        assertThat(errors.get(0).message()).contains("slo.metricSource.type is none");
    }

    @ParameterizedTest
    @EnumSource(Slo.WhenUnjudged.class)
    void aWatchedReleaseMayHoldOrProceedWithoutAVerdict(Slo.WhenUnjudged choice) {
        assertThat(fieldsIn(ReleaseRequestBuilder.canary().whenUnjudged(choice)))
                .isEmpty();
    }

    @Test
    void podHealthLimitsAreBoundedAndNamedByField() {
        assertThat(fieldsIn(ReleaseRequestBuilder.canary().podHealth(5, "5m"))).isEmpty();
        assertThat(fieldsIn(ReleaseRequestBuilder.canary().podHealth(0, "1s")))
                .containsExactly("slo.podHealth.maxFailures", "slo.podHealth.window");
        assertThat(fieldsIn(ReleaseRequestBuilder.canary().podHealth(3, "2h"))).containsExactly("slo.podHealth.window");
    }

    @Test
    void anUnwatchedReleaseCannotSetPodHealthLimitsNobodyWouldApply() {
        List<FieldError> errors = ReleaseValidator.validate(
                ReleaseRequestBuilder.canary().unwatched().podHealth(3, "2m").build(), NOW);

        assertThat(errors).extracting(FieldError::field).containsExactly("slo.podHealth");
    }

    @Test
    void aReleaseNamingNoSourceMayChooseSinceTheInstallationsDefaultSourceJudgesIt() {
        assertThat(fieldsIn(
                        ReleaseRequestBuilder.canary().withoutMetricSource().whenUnjudged(Slo.WhenUnjudged.PROCEED)))
                .isEmpty();
    }

    @Test
    void aMetricSourceWithoutATypeListsEveryTypeIncludingNone() {
        Slo.MetricSource untyped = new Slo.MetricSource(null, null, null, null, null);

        List<FieldError> errors = ReleaseValidator.validate(
                ReleaseRequestBuilder.canary()
                        .slo(new Slo(null, null, null, null, null, null, null, null, untyped))
                        .build(),
                NOW);

        assertThat(errors)
                .containsExactly(
                        new FieldError("slo.metricSource.type", "is required: one of prometheus, scrape, none"));
    }

    @Test
    void notificationTargetsNeedTheirFields() {
        List<NotificationTarget> targets = List.of(
                new NotificationTarget(NotificationTarget.Type.SLACK, null, null, null, null),
                new NotificationTarget(NotificationTarget.Type.STATUSPAGE, null, "page", null, null),
                new NotificationTarget(NotificationTarget.Type.WEBHOOK, null, null, null, "ftp://example.com/hook"),
                new NotificationTarget(
                        NotificationTarget.Type.WEBHOOK, null, null, null, "https://user:secret@example.com/hook"),
                new NotificationTarget(
                        NotificationTarget.Type.WEBHOOK,
                        null,
                        null,
                        null,
                        "https://hooks.example.com/rollwatch?token=s3cr3t"));

        assertThat(fieldsIn(ReleaseRequestBuilder.canary().notifications(targets)))
                .containsExactly(
                        "notifications[0].channel",
                        "notifications[1].component",
                        "notifications[2].url",
                        "notifications[3].url",
                        "notifications[4].url");
    }

    @Test
    void requesterFieldsAreChecked() {
        ReleaseRequested.Requester requester =
                new ReleaseRequested.Requester("ci", "pipe", "not-a-sha", NOW.plusSeconds(3600), "github.com/x/pull/1");

        assertThat(fieldsIn(ReleaseRequestBuilder.canary().requestedBy(requester)))
                .containsExactly("requestedBy.commit", "requestedBy.commitTime", "requestedBy.changeUrl");
    }

    @Test
    void requireValidRefusesWithEveryFieldInTheReason() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReleaseValidator.requireValid(
                        ReleaseRequestBuilder.canary()
                                .namespace("Shop")
                                .image("checkout")
                                .build(),
                        NOW))
                .isInstanceOf(dev.rollwatch.events.codec.MalformedEventException.class)
                .hasMessageStartingWith("release request breaks the release rules: namespace must be a DNS-1123 label")
                .hasMessageContaining("; image must name a tag or a digest");
    }

    @Test
    void releaseIdMustBeSafe() {
        assertThat(fieldsIn(ReleaseRequestBuilder.canary().releaseId("../etc/passwd")))
                .containsExactly("releaseId");
    }
}
