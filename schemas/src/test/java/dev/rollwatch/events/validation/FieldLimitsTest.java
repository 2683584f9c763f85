package dev.rollwatch.events.validation;

import static dev.rollwatch.events.Strategy.CanaryStep.pauseFor;
import static dev.rollwatch.events.Strategy.CanaryStep.weight;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.NotificationTarget;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every field of a release request is bounded at the door, and each bound names the field: nothing the
 * rules accept can be refused later (by the event schema, a database column, or Kafka's record size).
 */
class FieldLimitsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private static List<String> fieldsIn(ReleaseRequestBuilder builder) {
        return fieldsIn(builder.build());
    }

    private static List<String> fieldsIn(ReleaseRequested request) {
        return ReleaseValidator.validate(request, NOW).stream()
                .map(FieldError::field)
                .toList();
    }

    private static Slo withSource(Slo.MetricSource source) {
        return new Slo(0.05, 2000.0, null, null, 100, "10s", "1m", 3, source);
    }

    private static Slo scrape(String interval, String window, int endpoints) {
        List<String> urls = IntStream.range(0, endpoints)
                .mapToObj(i -> "http://10.0.0." + (i % 250) + ":9090/metrics")
                .toList();
        return new Slo(
                0.05,
                2000.0,
                null,
                null,
                100,
                interval,
                window,
                3,
                new Slo.MetricSource(Slo.MetricSource.Type.SCRAPE, null, null, urls, urls));
    }

    @Test
    void anImageWithAVeryLongDigestIsRefusedNamingTheImage() {
        String image = "registry.example.com/shop/checkout@sha256:" + "a".repeat(600);

        assertThat(fieldsIn(ReleaseRequestBuilder.canary().image(image))).containsExactly("image");
    }

    @Test
    void aNullNotificationTargetIsRefusedNamingItsPosition() {
        List<NotificationTarget> targets = new ArrayList<>();
        targets.add(null);

        assertThat(fieldsIn(ReleaseRequestBuilder.canary().notifications(targets)))
                .containsExactly("notifications[0]");
    }

    @Test
    void aNullCanaryStepIsRefusedNamingItsPosition() {
        Strategy strategy = new Strategy(
                Strategy.Type.CANARY,
                new Strategy.Canary(Arrays.asList(weight(10), null, weight(50))),
                null,
                null,
                "10m");

        assertThat(fieldsIn(ReleaseRequestBuilder.canary().strategy(strategy)))
                .containsExactly("strategy.canary.steps[1]");
    }

    @Test
    void overLongRouterOptionsAreRefusedNamingTheOption() {
        Map<String, String> options = new HashMap<>();
        options.put("route", "x".repeat(1025));
        TrafficRouter router = new TrafficRouter(TrafficRouter.Type.ISTIO, null, null, null, options);

        assertThat(fieldsIn(ReleaseRequestBuilder.canary().trafficRouter(router)))
                .containsExactly("trafficRouter.options.route");
    }

    @Test
    void tooManyRouterOptionsOrANullOneAreRefused() {
        Map<String, String> many = new HashMap<>();
        IntStream.range(0, 17).forEach(i -> many.put("o" + i, "v"));
        Map<String, String> withNull = new HashMap<>();
        withNull.put("route", null);

        assertThat(fieldsIn(ReleaseRequestBuilder.canary()
                        .trafficRouter(new TrafficRouter(TrafficRouter.Type.ISTIO, null, null, null, many))))
                .containsExactly("trafficRouter.options");
        assertThat(fieldsIn(ReleaseRequestBuilder.canary()
                        .trafficRouter(new TrafficRouter(TrafficRouter.Type.ISTIO, null, null, null, withNull))))
                .containsExactly("trafficRouter.options.route");
    }

    @Test
    void overLongQueriesAndUrlsAreRefusedNamingTheField() {
        Slo.MetricSource source = new Slo.MetricSource(
                Slo.MetricSource.Type.PROMETHEUS,
                "http://prometheus.monitoring:9090/" + "p".repeat(2048),
                Map.of("errorRate", "sum(rate(x[1m]))" + " ".repeat(4096)),
                null,
                null);
        ReleaseRequested.Requester requester = new ReleaseRequested.Requester(
                null, null, null, null, "https://github.com/acme/checkout/pull/" + "9".repeat(2048));

        assertThat(fieldsIn(
                        ReleaseRequestBuilder.canary().slo(withSource(source)).requestedBy(requester)))
                .containsExactly(
                        "slo.metricSource.address", "slo.metricSource.queries.errorRate", "requestedBy.changeUrl");
    }

    @Test
    void aUrlWithCharactersOutsideAsciiIsRefused() {
        ReleaseRequested.Requester requester =
                new ReleaseRequested.Requester(null, null, null, null, "https://gіthub.com/acme/checkout/pull/1");

        assertThat(fieldsIn(ReleaseRequestBuilder.canary().requestedBy(requester)))
                .containsExactly("requestedBy.changeUrl");
    }

    @Test
    void statuspageIdsThatWouldNotFitTheNotifiersKeysAreRefused() {
        NotificationTarget target = new NotificationTarget(
                NotificationTarget.Type.STATUSPAGE, null, "p".repeat(129), "c".repeat(300), null);
        NotificationTarget slackWithStrayPage =
                new NotificationTarget(NotificationTarget.Type.SLACK, "#releases", "p".repeat(129), null, null);

        assertThat(fieldsIn(ReleaseRequestBuilder.canary().notifications(List.of(target, slackWithStrayPage))))
                .containsExactly("notifications[0].page", "notifications[0].component", "notifications[1].page");
    }

    @Test
    void overLongDurationsAndPodCountsAreRefusedNamingTheField() {
        Strategy pause = ReleaseRequestBuilder.canarySteps(weight(10), pauseFor("0".repeat(40) + "1s"), weight(50));
        Strategy rolling = new Strategy(
                Strategy.Type.ROLLING, null, null, new Strategy.Rolling("99999999999%", "99999999"), "10m");

        assertThat(fieldsIn(ReleaseRequestBuilder.canary().strategy(pause)))
                .containsExactly("strategy.canary.steps[1].pause.duration");
        assertThat(fieldsIn(ReleaseRequestBuilder.rolling().strategy(rolling)))
                .containsExactly("strategy.rolling.maxSurge", "strategy.rolling.maxUnavailable");
    }

    @Test
    void aCanaryThatNeverSendsTrafficIsRefused() {
        assertThat(fieldsIn(ReleaseRequestBuilder.canary().steps(weight(0), pauseFor("5m"))))
                .containsExactly("strategy.canary.steps");
        assertThat(fieldsIn(ReleaseRequestBuilder.canary().steps(weight(0), pauseFor("5m"), weight(10))))
                .isEmpty();
    }

    @Test
    void aRollingUpdateMustBakeLongEnoughToBeJudged() {
        Strategy noBake =
                new Strategy(Strategy.Type.ROLLING, null, null, new Strategy.Rolling("25%", "0", "0s"), "10m");
        Strategy shorterThanInterval =
                new Strategy(Strategy.Type.ROLLING, null, null, new Strategy.Rolling("25%", "0", "5s"), "10m");

        assertThat(fieldsIn(ReleaseRequestBuilder.rolling().strategy(noBake)))
                .containsExactly("strategy.rolling.bakeTime");
        assertThat(fieldsIn(ReleaseRequestBuilder.rolling().strategy(shorterThanInterval)))
                .containsExactly("strategy.rolling.bakeTime");
    }

    @Test
    void minimumRequestsAndConsecutiveFailuresAreBounded() {
        Slo unreachable = new Slo(0.05, 2000.0, null, null, Integer.MAX_VALUE, "10s", "1m", 100, null);

        assertThat(fieldsIn(ReleaseRequestBuilder.canary().slo(unreachable)))
                .containsExactly("slo.minRequestsPerWindow", "slo.consecutiveFailures");
    }

    @Test
    void scrapeWorkBeyondItsBoundIsRefused() {
        assertThat(fieldsIn(ReleaseRequestBuilder.canary().slo(scrape("1s", "24h", 2))))
                .containsExactly("slo.window");
        assertThat(fieldsIn(ReleaseRequestBuilder.canary().slo(scrape("1s", "5m", 100))))
                .containsExactly("slo.metricSource");
        assertThat(fieldsIn(ReleaseRequestBuilder.canary().slo(scrape("10s", "1m", 100))))
                .isEmpty();
    }
}
