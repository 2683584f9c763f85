package dev.rollwatch.healthmonitor.source.scrape;

import dev.rollwatch.events.Slo;
import dev.rollwatch.healthmonitor.config.HealthConfig;
import dev.rollwatch.healthmonitor.domain.Measurement;
import dev.rollwatch.healthmonitor.domain.Metric;
import dev.rollwatch.healthmonitor.domain.TrackMeasurement;
import dev.rollwatch.healthmonitor.source.Failures;
import dev.rollwatch.healthmonitor.source.MetricSource;
import dev.rollwatch.healthmonitor.source.Urls;
import dev.rollwatch.healthmonitor.source.WatchTarget;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Scrapes the canary's and the stable's metrics endpoints directly, every interval, and computes
 * rates and quantiles over its own sliding windows: detection in seconds, without waiting for a
 * Prometheus scrape and rule cycle. Endpoints are the release's URLs, or its pods' found through
 * Kubernetes when it gives none.
 */
@ApplicationScoped
public class ScrapeMetricSource implements MetricSource {

    public static final String TYPE = "scrape";
    private static final int ENDPOINTS_NAMED = 3;

    private final Scraper scraper;
    private final PodEndpoints pods;
    private final HealthConfig.Scrape config;
    private final HttpTraffic.Names names;
    private final ScrapeWindows windows = new ScrapeWindows();

    ScrapeMetricSource(Scraper scraper, PodEndpoints pods, HealthConfig config) {
        this.scraper = scraper;
        this.pods = pods;
        this.config = config.scrape();
        this.names = new HttpTraffic.Names(this.config.metric(), this.config.statusLabel(),
                Pattern.compile(this.config.errorStatus()));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void forget(String releaseId) {
        windows.forget(releaseId);
    }

    @Override
    public Uni<Measurement> measure(WatchTarget target, Instant now) {
        windows.evictIdle(now, config.idleEviction());
        Slo.MetricSource source = target.source();
        boolean listed = source != null && source.canaryEndpoints() != null;
        Uni<Optional<TrackMeasurement>> canary = track(TrackMeasurement.CANARY, listed ? source.canaryEndpoints() : null, listed,
                target, now);
        // With listed canary endpoints the baseline is only what is listed too: no guessing at pods.
        Uni<Optional<TrackMeasurement>> stable = track(TrackMeasurement.STABLE,
                source != null ? source.stableEndpoints() : null, listed, target, now);
        Duration window = target.policy().window();
        return Uni.combine().all().unis(canary, stable).asTuple().map(t -> {
            windows.dropStaleEndpoints(target.releaseId(), now.minus(window).minus(target.policy().interval()));
            return new Measurement(now.minus(window), now, window, t.getItem1().orElseThrow(), t.getItem2().orElse(null));
        });
    }

    /** The track's measurement; empty for a stable track with no endpoints (no baseline). */
    private Uni<Optional<TrackMeasurement>> track(String track, List<String> given, boolean listed,
            WatchTarget target, Instant now) {
        Uni<List<String>> endpoints;
        if (given != null) {
            endpoints = Uni.createFrom().item(given);
        } else if (listed) {
            endpoints = Uni.createFrom().item(List.of());
        } else {
            endpoints = pods.find(target.namespace(), target.application(), track);
        }
        return endpoints
                .flatMap(urls -> urls.isEmpty() ? Uni.createFrom().item(noEndpoints(track, listed, target))
                        : scrapeAll(track, urls, target, now))
                .onFailure().recoverWithItem(e -> TrackMeasurement.failed(track,
                        Map.of(), Failures.describe("finding the " + track + " pods through Kubernetes", e)))
                .map(Optional::ofNullable);
    }

    private TrackMeasurement noEndpoints(String track, boolean listed, WatchTarget target) {
        if (TrackMeasurement.STABLE.equals(track)) {
            return null;
        }
        String why = listed ? "the release lists no canary endpoints"
                : "no running pods labelled " + pods.selector(target.application(), track) + " in namespace "
                        + target.namespace();
        return TrackMeasurement.failed(track, Map.of(), why);
    }

    private Uni<TrackMeasurement> scrapeAll(String track, List<String> urls, WatchTarget target, Instant now) {
        List<Uni<String>> scrapes = new ArrayList<>();
        for (String url : urls) {
            EndpointSeries series = windows.series(target.releaseId(), track, url, now);
            scrapes.add(scraper.scrape(url)
                    .map(text -> {
                        series.add(now, HttpTraffic.of(ExpositionParser.parse(text), names));
                        return "";
                    })
                    .onFailure().recoverWithItem(e -> Failures.describe(Urls.redacted(url), e)));
        }
        return Uni.join().all(scrapes).andCollectFailures().map(errors -> summarise(track, urls, errors, target, now));
    }

    private TrackMeasurement summarise(String track, List<String> urls, List<String> errors, WatchTarget target,
            Instant now) {
        Map<Metric, String> queries = describe(urls);
        List<String> failed = errors.stream().filter(e -> !e.isEmpty()).toList();
        if (failed.size() == urls.size()) {
            return TrackMeasurement.failed(track, queries, "all " + urls.size() + " " + track
                    + " endpoints failed; " + failed.get(0));
        }
        TrafficDelta total = null;
        for (String url : urls) {
            var delta = windows.series(target.releaseId(), track, url, now).over(target.policy().window(), now);
            if (delta.isPresent()) {
                total = total == null ? delta.get() : total.plus(delta.get());
            }
        }
        for (String url : urls) {
            windows.series(target.releaseId(), track, url, now).prune(now.minus(target.policy().window()));
        }
        if (total == null) {
            return TrackMeasurement.failed(track, queries,
                    "collecting samples: a window needs two scrapes of an endpoint, the first was just taken");
        }
        double toMillis = names.millisPerUnit();
        return new TrackMeasurement(track, total.requests(), total.errorRate(), total.quantile(0.95) * toMillis,
                total.quantile(0.99) * toMillis, queries, null);
    }

    private Map<Metric, String> describe(List<String> urls) {
        String where = String.join(", ", urls.subList(0, Math.min(ENDPOINTS_NAMED, urls.size())).stream()
                .map(Urls::redacted).toList())
                + (urls.size() > ENDPOINTS_NAMED ? " and " + (urls.size() - ENDPOINTS_NAMED) + " more" : "");
        String count = config.metric() + "_count";
        String bucket = config.metric() + "_bucket";
        Map<Metric, String> queries = new EnumMap<>(Metric.class);
        queries.put(Metric.REQUEST_RATE, "scrape " + where + ": increase(" + count + ")");
        queries.put(Metric.ERROR_RATE, "scrape " + where + ": increase(" + count + "{" + config.statusLabel() + "=~\""
                + config.errorStatus() + "\"}) / increase(" + count + ")");
        queries.put(Metric.LATENCY_P95, "scrape " + where + ": histogram_quantile(0.95, increase(" + bucket + "))");
        queries.put(Metric.LATENCY_P99, "scrape " + where + ": histogram_quantile(0.99, increase(" + bucket + "))");
        return queries;
    }
}
