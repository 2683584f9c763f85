package dev.rollwatch.events.validation;

import dev.rollwatch.events.NotificationTarget;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.codec.MalformedEventException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a release request must meet, beyond what its JSON Schema can say (weights increasing,
 * window not shorter than interval, one strategy block matching the type...). The release API and
 * every consumer of {@code release.requested} apply the same rules, so a release CI produced straight
 * onto Kafka is judged exactly like one that came through the API.
 */
public final class ReleaseValidator {

    /** Measurement names a Prometheus query template may override. */
    public static final Set<String> QUERY_NAMES = Set.of("requestRate", "errorRate", "latencyP95", "latencyP99");

    private static final Pattern RELEASE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern LABEL_VALUE = Pattern.compile("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$");
    private static final Pattern INT_OR_PERCENT = Pattern.compile("^[0-9]+%?$");
    private static final Pattern COMMIT = Pattern.compile("^[0-9a-fA-F]{7,64}$");
    private static final Pattern SLACK_CHANNEL = Pattern.compile("^[#@]?[a-zA-Z0-9][a-zA-Z0-9._-]{0,79}$");
    private static final int MAX_STEPS = 50;
    private static final int MAX_NOTIFICATIONS = 20;
    private static final int MAX_ENDPOINTS = 100;
    /** The shortest {@code slo.interval} (and window) a release may ask for. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private static final Duration MAX_INTERVAL = Duration.ofHours(1);
    private static final Duration MAX_WINDOW = Duration.ofHours(24);
    private static final Duration MIN_POD_FAILURE_WINDOW = Duration.ofSeconds(10);
    private static final Duration MAX_POD_FAILURE_WINDOW = Duration.ofHours(1);
    private static final Duration MIN_STEP_DEADLINE = Duration.ofSeconds(10);
    private static final Duration MAX_STEP_DEADLINE = Duration.ofHours(24);
    private static final Duration MAX_PAUSE = Duration.ofDays(7);
    private static final double MAX_LATENCY_MS = 600_000;
    /** Commit timestamps from CI clocks a little ahead of ours are fine; from the future, not. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private ReleaseValidator() {}

    /**
     * For consumers of {@code release.requested}: a request breaking the rules is refused the way any
     * unreadable event is (dead-lettered with the reason), whoever produced it.
     *
     * @throws MalformedEventException naming every offending field
     */
    public static void requireValid(ReleaseRequested request, Instant now) {
        List<FieldError> errors = validate(request, now);
        if (!errors.isEmpty()) {
            throw new MalformedEventException("release request breaks the release rules: "
                    + String.join(
                            "; ",
                            errors.stream()
                                    .map(e -> e.field() + " " + e.message())
                                    .toList()));
        }
    }

    /** Every offending field of the request; empty when it is valid. */
    public static List<FieldError> validate(ReleaseRequested request, Instant now) {
        Errors errors = new Errors();
        if (request.releaseId() != null
                && !RELEASE_ID.matcher(request.releaseId()).matches()) {
            errors.add("releaseId", "must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        dnsLabel(errors, "application", request.application(), true);
        dnsLabel(errors, "namespace", request.namespace(), true);
        image(errors, request);
        if (request.version() != null
                && (request.version().length() > 63
                        || !LABEL_VALUE.matcher(request.version()).matches())) {
            errors.add("version", "must be a Kubernetes label value: at most 63 letters, digits, '-', '_' or '.'");
        }
        if (request.target() != null) {
            dnsSubdomain(errors, "target.deployment", request.target().deployment(), false);
            dnsLabel(errors, "target.service", request.target().service(), false);
            dnsLabel(errors, "target.container", request.target().container(), false);
        }
        strategy(errors, request.strategy());
        trafficRouter(errors, request.trafficRouter(), request.strategy());
        slo(errors, request.slo());
        notifications(errors, request.notifications());
        requester(errors, request.requestedBy(), now);
        return errors.list();
    }

    private static void image(Errors errors, ReleaseRequested request) {
        if (request.image() == null || request.image().isBlank()) {
            errors.add("image", "is required");
            return;
        }
        ImageReference.parse(request.image())
                .ifPresentOrElse(
                        ref -> {
                            if (!ref.isPinned()) {
                                errors.add(
                                        "image",
                                        "must name a tag or a digest (e.g. registry.example.com/shop/checkout:1.4.2)");
                            }
                        },
                        () -> errors.add(
                                "image",
                                "is not a valid image reference: expected [registry/]repository[:tag][@digest]"));
    }

    private static void strategy(Errors errors, Strategy strategy) {
        if (strategy == null) {
            errors.add("strategy", "is required");
            return;
        }
        if (strategy.type() == null) {
            errors.add("strategy.type", "is required: one of canary, blueGreen, rolling");
            return;
        }
        blocksMatchType(errors, strategy);
        duration(errors, "strategy.stepDeadline", strategy.stepDeadline(), MIN_STEP_DEADLINE, MAX_STEP_DEADLINE);
        switch (strategy.type()) {
            case CANARY -> canary(errors, strategy.canary());
            case BLUE_GREEN -> blueGreen(errors, strategy.blueGreen());
            case ROLLING -> rolling(errors, strategy.rolling());
        }
    }

    private static void blocksMatchType(Errors errors, Strategy strategy) {
        if (strategy.type() != Strategy.Type.CANARY && strategy.canary() != null) {
            errors.add("strategy.canary", "is only allowed when strategy.type is canary");
        }
        if (strategy.type() != Strategy.Type.BLUE_GREEN && strategy.blueGreen() != null) {
            errors.add("strategy.blueGreen", "is only allowed when strategy.type is blueGreen");
        }
        if (strategy.type() != Strategy.Type.ROLLING && strategy.rolling() != null) {
            errors.add("strategy.rolling", "is only allowed when strategy.type is rolling");
        }
    }

    private static void canary(Errors errors, Strategy.Canary canary) {
        if (canary == null || canary.steps() == null || canary.steps().isEmpty()) {
            errors.add("strategy.canary.steps", "must list at least one step");
            return;
        }
        List<Strategy.CanaryStep> steps = canary.steps();
        if (steps.size() > MAX_STEPS) {
            errors.add("strategy.canary.steps", "must not have more than " + MAX_STEPS + " steps");
        }
        int lastWeight = -1;
        boolean anyWeight = false;
        for (int i = 0; i < steps.size(); i++) {
            String path = "strategy.canary.steps[" + i + "]";
            Strategy.CanaryStep step = steps.get(i);
            if (step == null || (step.setWeight() == null) == (step.pause() == null)) {
                errors.add(path, "must set exactly one of setWeight or pause");
                continue;
            }
            if (step.setWeight() != null) {
                int weight = step.setWeight();
                anyWeight = true;
                if (weight < 0 || weight > 100) {
                    errors.add(path + ".setWeight", "must be between 0 and 100");
                } else if (weight <= lastWeight) {
                    errors.add(path + ".setWeight", "must be greater than the previous weight (" + lastWeight + ")");
                } else {
                    lastWeight = weight;
                }
            } else {
                duration(errors, path + ".pause.duration", step.pause().duration(), Duration.ofSeconds(1), MAX_PAUSE);
            }
        }
        if (!anyWeight && steps.size() <= MAX_STEPS) {
            errors.add("strategy.canary.steps", "must contain at least one setWeight step");
        }
    }

    private static void blueGreen(Errors errors, Strategy.BlueGreen blueGreen) {
        if (blueGreen == null) {
            return;
        }
        dnsLabel(errors, "strategy.blueGreen.previewService", blueGreen.previewService(), false);
        duration(errors, "strategy.blueGreen.scaleDownDelay", blueGreen.scaleDownDelay(), Duration.ZERO, MAX_WINDOW);
        if (blueGreen.previewReplicas() != null
                && (blueGreen.previewReplicas() < 1 || blueGreen.previewReplicas() > 1000)) {
            errors.add("strategy.blueGreen.previewReplicas", "must be between 1 and 1000");
        }
    }

    private static void rolling(Errors errors, Strategy.Rolling rolling) {
        if (rolling == null) {
            return;
        }
        boolean surgeValid = intOrPercent(errors, "strategy.rolling.maxSurge", rolling.maxSurge());
        boolean unavailableValid = intOrPercent(errors, "strategy.rolling.maxUnavailable", rolling.maxUnavailable());
        if (surgeValid && unavailableValid && isZero(rolling.maxSurge()) && isZero(rolling.maxUnavailable())) {
            errors.add(
                    "strategy.rolling",
                    "maxSurge and maxUnavailable cannot both be zero: the rollout could never progress");
        }
        duration(errors, "strategy.rolling.bakeTime", rolling.bakeTime(), Duration.ZERO, MAX_WINDOW);
    }

    private static boolean intOrPercent(Errors errors, String path, String value) {
        if (value == null) {
            return true;
        }
        if (!INT_OR_PERCENT.matcher(value).matches()) {
            errors.add(path, "must be a whole number or a percentage (e.g. 1 or 25%)");
            return false;
        }
        if (value.endsWith("%") && Integer.parseInt(value.substring(0, value.length() - 1)) > 100) {
            errors.add(path, "must not exceed 100%");
            return false;
        }
        return true;
    }

    private static boolean isZero(String value) {
        return value != null && value.replace("%", "").matches("0+");
    }

    private static void trafficRouter(Errors errors, TrafficRouter router, Strategy strategy) {
        if (router == null) {
            return;
        }
        if (router.type() == null) {
            errors.add("trafficRouter.type", "is required: one of replicaRatio, istio, gatewayApi, nginx, smi");
        }
        if (strategy != null && strategy.type() != null && strategy.type() != Strategy.Type.CANARY) {
            errors.add(
                    "trafficRouter",
                    "only applies to canary releases; blueGreen switches the Service selector and rolling updates the Deployment");
        }
        dnsSubdomain(errors, "trafficRouter.resource", router.resource(), false);
        dnsLabel(errors, "trafficRouter.stableService", router.stableService(), false);
        dnsLabel(errors, "trafficRouter.canaryService", router.canaryService(), false);
        if (router.stableService() != null && router.stableService().equals(router.canaryService())) {
            errors.add("trafficRouter.canaryService", "must differ from trafficRouter.stableService");
        }
    }

    private static void slo(Errors errors, Slo slo) {
        if (slo == null) {
            return;
        }
        if (slo.maxErrorRate() != null && !(slo.maxErrorRate() > 0 && slo.maxErrorRate() <= 1)) {
            errors.add("slo.maxErrorRate", "must be a fraction above 0 and at most 1 (0.05 means 5%)");
        }
        latency(errors, "slo.maxP95LatencyMs", slo.maxP95LatencyMs());
        latency(errors, "slo.maxP99LatencyMs", slo.maxP99LatencyMs());
        if (slo.maxP95LatencyMs() != null
                && slo.maxP99LatencyMs() != null
                && slo.maxP99LatencyMs() < slo.maxP95LatencyMs()) {
            errors.add("slo.maxP99LatencyMs", "must not be lower than slo.maxP95LatencyMs");
        }
        if (slo.maxRegressionRatio() != null && !(slo.maxRegressionRatio() >= 1 && slo.maxRegressionRatio() <= 100)) {
            errors.add("slo.maxRegressionRatio", "must be between 1 and 100 (1.5 allows 50% worse than stable)");
        }
        if (slo.minRequestsPerWindow() != null && slo.minRequestsPerWindow() < 1) {
            errors.add("slo.minRequestsPerWindow", "must be at least 1");
        }
        Duration interval = duration(errors, "slo.interval", slo.interval(), MIN_INTERVAL, MAX_INTERVAL);
        Duration window = duration(errors, "slo.window", slo.window(), MIN_INTERVAL, MAX_WINDOW);
        if (interval != null && window != null && window.compareTo(interval) < 0) {
            errors.add("slo.window", "must not be shorter than slo.interval");
        }
        if (slo.consecutiveFailures() != null && (slo.consecutiveFailures() < 1 || slo.consecutiveFailures() > 100)) {
            errors.add("slo.consecutiveFailures", "must be between 1 and 100");
        }
        metricSource(errors, slo.metricSource());
        whenUnjudged(errors, slo);
        podHealth(errors, slo);
    }

    private static boolean unwatched(Slo slo) {
        return slo.metricSource() != null && slo.metricSource().type() == Slo.MetricSource.Type.NONE;
    }

    /**
     * Pod-health limits are the health monitor's to apply, and it watches no pods of an unwatched release.
     * The window's floor keeps one unlucky restart from being a run of them; its ceiling, the failures
     * remembered per release.
     */
    private static void podHealth(Errors errors, Slo slo) {
        Slo.PodHealth pods = slo.podHealth();
        if (pods == null) {
            return;
        }
        if (unwatched(slo)) {
            errors.add(
                    "slo.podHealth",
                    "must not be set when slo.metricSource.type is none: nothing watches the "
                            + "pods of an unwatched release");
            return;
        }
        if (pods.maxFailures() != null && (pods.maxFailures() < 1 || pods.maxFailures() > 100)) {
            errors.add("slo.podHealth.maxFailures", "must be between 1 and 100");
        }
        duration(errors, "slo.podHealth.window", pods.window(), MIN_POD_FAILURE_WINDOW, MAX_POD_FAILURE_WINDOW);
    }

    /**
     * Holding until a verdict only means something when a source judges the release. An unwatched one
     * ({@code none}) never gets a verdict: hold has nothing to wait for, proceed is what it does anyway.
     * Either choice says the requester believes the release is watched, so it is refused, not ignored.
     */
    private static void whenUnjudged(Errors errors, Slo slo) {
        if (slo.whenUnjudged() != null && unwatched(slo)) {
            errors.add(
                    "slo.whenUnjudged",
                    "must not be set when slo.metricSource.type is none: nothing judges an "
                            + "unwatched release, so there is no verdict to wait for");
        }
    }

    private static void latency(Errors errors, String path, Double value) {
        if (value != null && !(value > 0 && value <= MAX_LATENCY_MS)) {
            errors.add(path, "must be above 0 and at most " + (long) MAX_LATENCY_MS + " ms");
        }
    }

    private static void metricSource(Errors errors, Slo.MetricSource source) {
        if (source == null) {
            return;
        }
        if (source.type() == null) {
            errors.add("slo.metricSource.type", "is required: one of prometheus, scrape, none");
            return;
        }
        switch (source.type()) {
            case PROMETHEUS -> {
                httpUrl(errors, "slo.metricSource.address", source.address(), false);
                if (source.queries() != null) {
                    source.queries().forEach((name, query) -> {
                        if (!QUERY_NAMES.contains(name)) {
                            errors.add(
                                    "slo.metricSource.queries." + name,
                                    "is not a known measurement: one of "
                                            + String.join(
                                                    ", ",
                                                    QUERY_NAMES.stream()
                                                            .sorted()
                                                            .toList()));
                        } else if (query == null || query.isBlank()) {
                            errors.add("slo.metricSource.queries." + name, "must not be empty");
                        }
                    });
                }
                if (source.canaryEndpoints() != null || source.stableEndpoints() != null) {
                    errors.add("slo.metricSource", "canaryEndpoints and stableEndpoints belong to the scrape source");
                }
            }
            case SCRAPE -> {
                endpoints(errors, "slo.metricSource.canaryEndpoints", source.canaryEndpoints());
                endpoints(errors, "slo.metricSource.stableEndpoints", source.stableEndpoints());
                if (source.queries() != null) {
                    errors.add("slo.metricSource.queries", "belongs to the prometheus source");
                }
            }
            case NONE -> unwatchedSourceIsEmpty(errors, source);
        }
    }

    /**
     * A {@code none} source that carries settings is a contradiction (a source meant, then switched
     * off?): refused, so nobody believes a release is watched because its request names an address.
     */
    private static void unwatchedSourceIsEmpty(Errors errors, Slo.MetricSource source) {
        String why = "must not be set when slo.metricSource.type is none: an unwatched release has no source to read";
        if (source.address() != null) {
            errors.add("slo.metricSource.address", why);
        }
        if (source.queries() != null) {
            errors.add("slo.metricSource.queries", why);
        }
        if (source.canaryEndpoints() != null) {
            errors.add("slo.metricSource.canaryEndpoints", why);
        }
        if (source.stableEndpoints() != null) {
            errors.add("slo.metricSource.stableEndpoints", why);
        }
    }

    private static void endpoints(Errors errors, String path, List<String> urls) {
        if (urls == null) {
            return;
        }
        if (urls.size() > MAX_ENDPOINTS) {
            errors.add(path, "must not list more than " + MAX_ENDPOINTS + " endpoints");
        }
        for (int i = 0; i < urls.size(); i++) {
            httpUrl(errors, path + "[" + i + "]", urls.get(i), true);
        }
    }

    private static void notifications(Errors errors, List<NotificationTarget> targets) {
        if (targets == null) {
            return;
        }
        if (targets.size() > MAX_NOTIFICATIONS) {
            errors.add("notifications", "must not list more than " + MAX_NOTIFICATIONS + " targets");
        }
        for (int i = 0; i < targets.size(); i++) {
            String path = "notifications[" + i + "]";
            NotificationTarget target = targets.get(i);
            if (target == null || target.type() == null) {
                errors.add(path + ".type", "is required: one of slack, statuspage, webhook");
                continue;
            }
            switch (target.type()) {
                case SLACK -> {
                    if (target.channel() == null
                            || !SLACK_CHANNEL.matcher(target.channel()).matches()) {
                        errors.add(path + ".channel", "must be a Slack channel name or id (e.g. #releases)");
                    }
                }
                case STATUSPAGE -> {
                    if (blank(target.page())) {
                        errors.add(path + ".page", "is required for statuspage targets");
                    }
                    if (blank(target.component())) {
                        errors.add(path + ".component", "is required for statuspage targets");
                    }
                }
                case WEBHOOK -> {
                    httpUrl(errors, path + ".url", target.url(), true);
                    // Releases travel to every service and into every history: no secret may ride in the URL.
                    if (target.url() != null && target.url().contains("?")) {
                        errors.add(
                                path + ".url",
                                "must not carry a query string: webhooks are authenticated by "
                                        + "the notifier's signature, and the URL is visible in every release's history");
                    }
                }
            }
        }
    }

    private static void requester(Errors errors, ReleaseRequested.Requester requester, Instant now) {
        if (requester == null) {
            return;
        }
        if (requester.actor() != null && requester.actor().length() > 128) {
            errors.add("requestedBy.actor", "must be at most 128 characters");
        }
        if (requester.pipeline() != null && requester.pipeline().length() > 256) {
            errors.add("requestedBy.pipeline", "must be at most 256 characters");
        }
        if (requester.commit() != null && !COMMIT.matcher(requester.commit()).matches()) {
            errors.add("requestedBy.commit", "must be a commit hash of 7 to 64 hex digits");
        }
        if (requester.commitTime() != null && requester.commitTime().isAfter(now.plus(CLOCK_SKEW))) {
            errors.add("requestedBy.commitTime", "must not be in the future");
        }
        if (requester.changeUrl() != null) {
            httpUrl(errors, "requestedBy.changeUrl", requester.changeUrl(), true);
        }
    }

    private static void dnsLabel(Errors errors, String path, String value, boolean required) {
        if (value == null) {
            if (required) {
                errors.add(path, "is required");
            }
            return;
        }
        if (value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
            errors.add(
                    path,
                    "must be a DNS-1123 label: at most 63 lowercase letters, digits or '-', "
                            + "starting and ending with a letter or digit");
        }
    }

    private static void dnsSubdomain(Errors errors, String path, String value, boolean required) {
        if (value == null) {
            if (required) {
                errors.add(path, "is required");
            }
            return;
        }
        if (value.length() > 253 || !DNS_SUBDOMAIN.matcher(value).matches()) {
            errors.add(
                    path,
                    "must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters");
        }
    }

    /** Validates an optional duration within bounds; returns it when valid. */
    private static Duration duration(Errors errors, String path, String value, Duration min, Duration max) {
        if (value == null) {
            return null;
        }
        Duration parsed = Durations.parse(value).orElse(null);
        if (parsed == null) {
            errors.add(path, "must be a duration like 30s, 5m or 1h30m");
            return null;
        }
        if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            errors.add(path, "must be between " + Durations.format(min) + " and " + Durations.format(max));
            return null;
        }
        return parsed;
    }

    private static void httpUrl(Errors errors, String path, String value, boolean required) {
        if (value == null) {
            if (required) {
                errors.add(path, "is required");
            }
            return;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                errors.add(path, "must be an absolute http(s) URL");
            } else if (uri.getUserInfo() != null) {
                errors.add(path, "must not embed credentials; configure them in the service instead");
            }
        } catch (URISyntaxException e) {
            errors.add(path, "must be an absolute http(s) URL");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Collects errors in the order they were found. */
    private static final class Errors {
        private final List<FieldError> list = new ArrayList<>();

        void add(String field, String message) {
            list.add(new FieldError(field, message));
        }

        List<FieldError> list() {
            return List.copyOf(list);
        }
    }
}
