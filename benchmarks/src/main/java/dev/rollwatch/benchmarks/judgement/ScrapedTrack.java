package dev.rollwatch.benchmarks.judgement;

import dev.rollwatch.healthmonitor.domain.Metric;
import dev.rollwatch.healthmonitor.domain.TrackMeasurement;
import dev.rollwatch.healthmonitor.domain.Traffic;
import dev.rollwatch.healthmonitor.source.scrape.EndpointSeries;
import dev.rollwatch.healthmonitor.source.scrape.HttpTraffic;
import dev.rollwatch.healthmonitor.source.scrape.TrafficDelta;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scrape source's bookkeeping for one track, as {@code ScrapeSamples} and
 * {@code ScrapeMetricSource.summarise} do it, minus the database: the scrapes of each endpoint since
 * {@code now - keep}, turned into a fresh {@link EndpointSeries} at every evaluation, and the track's
 * window and increment summed over its endpoints. The counter arithmetic (deltas, counter resets) is
 * the health monitor's own; only the plumbing around it is repeated here, because that plumbing is
 * bound to Quarkus and PostgreSQL.
 */
final class ScrapedTrack {

    /** Prometheus' base unit: the histogram's bounds are seconds. */
    static final double MILLIS_PER_SECOND = 1000;

    private record Scrape(Instant at, HttpTraffic traffic) {}

    private final String track;
    private final List<Deque<Scrape>> endpoints = new ArrayList<>();
    private final Map<Metric, String> queries;
    private int answered;

    ScrapedTrack(String track, int endpointCount) {
        this.track = track;
        for (int i = 0; i < endpointCount; i++) {
            endpoints.add(new ArrayDeque<>());
        }
        this.queries = Map.of(
                Metric.REQUEST_RATE,
                "simulated scrape of " + endpointCount + " " + track
                        + " endpoints: increase(http_server_requests_seconds_count)");
    }

    /**
     * Stores this evaluation's scrapes (null = the endpoint did not answer) and forgets those older
     * than {@code now - keep}, as the source's {@code deleteBefore} does.
     */
    void record(Instant now, List<HttpTraffic> scraped, Duration keep) {
        Instant from = now.minus(keep);
        answered = 0;
        for (int i = 0; i < endpoints.size(); i++) {
            Deque<Scrape> series = endpoints.get(i);
            if (scraped.get(i) != null) {
                series.addLast(new Scrape(now, scraped.get(i)));
                answered++;
            }
            while (!series.isEmpty() && series.peekFirst().at().isBefore(from)) {
                series.removeFirst();
            }
        }
    }

    /**
     * The track over the window ending {@code now}, and apart what no evaluation judged before
     * ({@code since} on), exactly as the scrape source reports it.
     */
    TrackMeasurement measure(Instant now, Duration window, Instant since) {
        if (answered == 0) {
            return TrackMeasurement.failed(
                    track,
                    queries,
                    "all " + endpoints.size() + " " + track + " endpoints failed; connection refused (simulated)");
        }
        Duration sinceJudged = since == null ? window : Duration.between(since, now);
        Traffic total = null;
        Traffic fresh = null;
        for (Deque<Scrape> scrapes : endpoints) {
            if (scrapes.isEmpty()) {
                continue;
            }
            EndpointSeries series = new EndpointSeries();
            scrapes.forEach(s -> series.add(s.at(), s.traffic()));
            total = plus(total, series.over(window, now));
            fresh = plus(fresh, series.over(sinceJudged, now));
        }
        if (total == null) {
            return TrackMeasurement.failed(
                    track,
                    queries,
                    "collecting samples: a window needs two scrapes of an endpoint, the first was just taken");
        }
        return TrackMeasurement.of(
                track,
                total,
                fresh == null ? Traffic.NONE : fresh,
                queries,
                new TrackMeasurement.Coverage(answered, endpoints.size()));
    }

    /**
     * Adds one endpoint's span. The source adds {@code TrafficDelta}s and converts the sum; their
     * {@code plus} is package-private, so this converts each and adds {@link Traffic}s, which sums
     * the same counts under the same bounds.
     */
    private static Traffic plus(Traffic sum, Optional<TrafficDelta> delta) {
        if (delta.isEmpty()) {
            return sum;
        }
        Traffic traffic = delta.get().traffic(MILLIS_PER_SECOND);
        return sum == null ? traffic : sum.plus(traffic);
    }
}
