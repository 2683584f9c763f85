package dev.rollwatch.healthmonitor.source.scrape;

import dev.rollwatch.events.Slo;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
    private final ScrapeSamples samples;
    private final HealthConfig.Scrape config;
    private final HttpTraffic.Names names;
    private final Set<String> allowedHosts;

    ScrapeMetricSource(Scraper scraper, PodEndpoints pods, ScrapeSamples samples, HealthConfig config) {
        this.scraper = scraper;
        this.pods = pods;
        this.samples = samples;
        this.config = config.scrape();
        this.allowedHosts = this.config.allowedHosts().orElse(List.of()).stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.names = new HttpTraffic.Names(
                this.config.metric(),
                this.config.statusLabel(),
                Pattern.compile(this.config.errorStatus()),
                config.routes().label(),
                Pattern.compile(config.routes().excluded()));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Uni<Void> forget(String releaseId) {
        return samples.forget(releaseId);
    }

    /** The endpoints of one track and what scraping each of them gave this time. */
    private record TrackScrape(
            String track,
            List<String> endpoints,
            List<String> errors,
            List<ScrapeSamples.Scraped> scraped,
            TrackMeasurement failure) {}

    @Override
    public Uni<Measurement> measure(WatchTarget target, Instant now) {
        Slo.MetricSource source = target.source();
        boolean listed = source != null && source.canaryEndpoints() != null;
        List<String> canaryGiven = listed ? source.canaryEndpoints() : null;
        List<String> stableGiven = source != null ? source.stableEndpoints() : null;
        // Endpoints a release lists are its own words: they are checked against the pods of its
        // namespace before anything is fetched. Discovered endpoints are those pods by construction.
        Uni<PodAddresses> allowed = canaryGiven == null && stableGiven == null
                ? Uni.createFrom().nullItem()
                : pods.addressesIn(target.namespace())
                        .onFailure()
                        .recoverWithItem(e -> PodAddresses.unchecked(
                                Failures.describe("listing the pods of namespace " + target.namespace(), e)));
        return allowed.flatMap(podIps -> {
                    Uni<TrackScrape> canary = scrapeTrack(TrackMeasurement.CANARY, canaryGiven, listed, target, podIps);
                    // With listed canary endpoints the baseline is only what is listed too: no guessing at pods.
                    // A rolling update has no stable track to compare with.
                    Uni<TrackScrape> stable = scrapeTrack(
                            TrackMeasurement.STABLE, stableGiven, listed || !target.hasBaseline(), target, podIps);
                    return Uni.combine().all().unis(canary, stable).asTuple();
                })
                .flatMap(t -> record(target, now, t.getItem1(), t.getItem2()));
    }

    /** Stores this interval's scrapes and measures both tracks over the window from the stored series. */
    private Uni<Measurement> record(WatchTarget target, Instant now, TrackScrape canary, TrackScrape stable) {
        Duration window = target.policy().window();
        Duration interval = target.policy().interval();
        // One window and the scrape just before it, with room for an evaluation that ran late.
        Duration keep = window.plus(interval.multipliedBy(3));
        int endpoints = canary.endpoints().size() + stable.endpoints().size();
        long perEndpoint = window.toMillis() / Math.max(1, interval.toMillis()) + 3;
        if (endpoints * perEndpoint > config.maxSamplesPerWatch()) {
            // Every evaluation reads back what the window keeps: past the limit one release would slow
            // every watch of this instance, so it is not stored (nor judged) at all.
            return Uni.createFrom()
                    .item(Measurement.failed(
                            now,
                            window,
                            Map.of(),
                            "the window would keep " + endpoints * perEndpoint + " scrapes (" + endpoints
                                    + " endpoints × " + perEndpoint + "), more than the installation's limit of "
                                    + config.maxSamplesPerWatch()
                                    + " (rollwatch.health.scrape.max-samples-per-watch): lengthen the interval, "
                                    + "shorten the window or scrape fewer endpoints"));
        }
        List<ScrapeSamples.Scraped> scraped = new ArrayList<>(canary.scraped());
        scraped.addAll(stable.scraped());
        return samples.recordAndLoad(target.releaseId(), scraped, now, keep)
                .map(series -> new Measurement(
                        now.minus(window),
                        now,
                        window,
                        summarise(canary, series, window, target.judgedUntil(), now),
                        summarise(stable, series, window, target.judgedUntil(), now)));
    }

    private Uni<TrackScrape> scrapeTrack(
            String track, List<String> given, boolean listed, WatchTarget target, PodAddresses allowed) {
        Uni<List<String>> endpoints;
        if (given != null) {
            endpoints = Uni.createFrom().item(given);
        } else if (listed) {
            endpoints = Uni.createFrom().item(List.of());
        } else {
            endpoints = pods.find(target.namespace(), target.application(), track, target.strategy());
        }
        return endpoints
                .flatMap(urls -> urls.isEmpty()
                        ? Uni.createFrom().item(noEndpoints(track, listed, target))
                        : scrapeAll(track, urls, given == null ? null : allowed, target.namespace()))
                .onFailure()
                .recoverWithItem(e -> new TrackScrape(
                        track,
                        List.of(),
                        List.of(),
                        List.of(),
                        TrackMeasurement.failed(
                                track,
                                Map.of(),
                                Failures.describe("finding the " + track + " pods through Kubernetes", e))));
    }

    private TrackScrape noEndpoints(String track, boolean listed, WatchTarget target) {
        if (TrackMeasurement.STABLE.equals(track)) {
            // No stable endpoints: no baseline, which the judge handles.
            return new TrackScrape(track, List.of(), List.of(), List.of(), null);
        }
        String why = listed
                ? "the release lists no canary endpoints"
                : "no running pods labelled " + pods.selector(target.application(), track, target.strategy())
                        + " in namespace " + target.namespace();
        return new TrackScrape(track, List.of(), List.of(), List.of(), TrackMeasurement.failed(track, Map.of(), why));
    }

    /** Scrapes each endpoint; with {@code allowed}, only those on a pod of the namespace. */
    private Uni<TrackScrape> scrapeAll(String track, List<String> urls, PodAddresses allowed, String namespace) {
        List<Uni<Object>> scrapes = new ArrayList<>();
        for (String url : urls) {
            String refused = allowed == null || installationVouchesFor(url) ? null : allowed.refusal(url, namespace);
            if (refused != null) {
                scrapes.add(Uni.createFrom().item(Urls.redacted(url) + ": " + refused));
                continue;
            }
            scrapes.add(scraper.scrape(url)
                    .<Object>map(samples -> new ScrapeSamples.Scraped(track, url, HttpTraffic.of(samples, names)))
                    .onFailure()
                    .recoverWithItem(e -> Failures.describe(Urls.redacted(url), e)));
        }
        return Uni.join().all(scrapes).andCollectFailures().map(results -> {
            List<String> errors = new ArrayList<>();
            List<ScrapeSamples.Scraped> scraped = new ArrayList<>();
            for (Object result : results) {
                if (result instanceof ScrapeSamples.Scraped s) {
                    scraped.add(s);
                } else {
                    errors.add((String) result);
                }
            }
            return new TrackScrape(track, urls, errors, scraped, null);
        });
    }

    /** rollwatch.health.scrape.allowed-hosts: hosts the installation lets releases scrape besides their pods. */
    private boolean installationVouchesFor(String url) {
        String host = PodAddresses.hostOf(url);
        return host != null && allowedHosts.contains(host);
    }

    /** The track over the window, from the stored series; null for a stable track with no endpoints. */
    private TrackMeasurement summarise(
            TrackScrape scrape, Map<String, EndpointSeries> series, Duration window, Instant since, Instant now) {
        if (scrape.failure() != null) {
            return scrape.failure();
        }
        if (scrape.endpoints().isEmpty()) {
            return null;
        }
        String track = scrape.track();
        Map<Metric, String> queries = describe(scrape.endpoints());
        if (scrape.scraped().isEmpty()) {
            return TrackMeasurement.failed(
                    track,
                    queries,
                    "all " + scrape.endpoints().size() + " " + track + " endpoints failed; "
                            + scrape.errors().get(0));
        }
        Duration sinceJudged = since == null ? window : Duration.between(since, now);
        TrafficDelta total = null;
        TrafficDelta fresh = null;
        for (String url : scrape.endpoints()) {
            EndpointSeries endpoint = series.get(ScrapeSamples.key(track, url));
            if (endpoint == null) {
                continue;
            }
            Optional<TrafficDelta> delta = endpoint.over(window, now);
            if (delta.isPresent()) {
                total = total == null ? delta.get() : total.plus(delta.get());
            }
            // What no earlier evaluation counted: from the last scrape it saw to the newest one.
            Optional<TrafficDelta> unseen = endpoint.over(sinceJudged, now);
            if (unseen.isPresent()) {
                fresh = fresh == null ? unseen.get() : fresh.plus(unseen.get());
            }
        }
        if (total == null) {
            return TrackMeasurement.failed(
                    track,
                    queries,
                    "collecting samples: a window needs two scrapes of an endpoint, the first was just taken");
        }
        double toMillis = names.millisPerUnit();
        return TrackMeasurement.of(
                track,
                total.traffic(toMillis),
                fresh == null ? Traffic.NONE : fresh.traffic(toMillis),
                queries,
                new TrackMeasurement.Coverage(
                        scrape.scraped().size(), scrape.endpoints().size()));
    }

    private Map<Metric, String> describe(List<String> urls) {
        String where = String.join(
                        ", ",
                        urls.subList(0, Math.min(ENDPOINTS_NAMED, urls.size())).stream()
                                .map(Urls::redacted)
                                .toList())
                + (urls.size() > ENDPOINTS_NAMED ? " and " + (urls.size() - ENDPOINTS_NAMED) + " more" : "");
        String count = config.metric() + "_count";
        String bucket = config.metric() + "_bucket";
        Map<Metric, String> queries = new EnumMap<>(Metric.class);
        queries.put(Metric.REQUEST_RATE, "scrape " + where + ": increase(" + count + ")");
        queries.put(
                Metric.ERROR_RATE,
                "scrape " + where + ": increase(" + count + "{" + config.statusLabel() + "=~\"" + config.errorStatus()
                        + "\"}) / increase(" + count + ")");
        queries.put(Metric.LATENCY_P95, "scrape " + where + ": histogram_quantile(0.95, increase(" + bucket + "))");
        queries.put(Metric.LATENCY_P99, "scrape " + where + ": histogram_quantile(0.99, increase(" + bucket + "))");
        return queries;
    }
}
