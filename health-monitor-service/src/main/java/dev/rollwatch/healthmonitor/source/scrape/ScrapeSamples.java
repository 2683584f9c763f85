package dev.rollwatch.healthmonitor.source.scrape;

import dev.rollwatch.eventing.ReactiveWork;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.healthmonitor.persistence.ScrapeSampleEntity;
import dev.rollwatch.healthmonitor.persistence.ScrapeSampleRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scrape source's sliding windows, kept in the service's database: whichever instance evaluates
 * a release next (another replica after a rebalance, or this one after a restart) sees every scrape
 * the others took, so its windows are as full as if nothing had moved.
 */
@ApplicationScoped
public class ScrapeSamples {

    private static final String INFINITY = "+Inf";

    private final ScrapeSampleRepository repository;
    private final Vertx vertx;

    ScrapeSamples(ScrapeSampleRepository repository, Vertx vertx) {
        this.repository = repository;
        this.vertx = vertx;
    }

    /**
     * One scrape of one endpoint.
     *
     * @param track    canary or stable
     * @param endpoint the URL scraped
     * @param traffic  what it exposed
     */
    record Scraped(String track, String endpoint, HttpTraffic traffic) {}

    /**
     * Stores this evaluation's scrapes and returns every endpoint's recent series, keyed by track and
     * endpoint; forgets scrapes older than any window ending now or later can need.
     *
     * @param keep how far back the series must reach: one window and the scrape just before it
     */
    Uni<Map<String, EndpointSeries>> recordAndLoad(
            String releaseId, List<Scraped> scraped, Instant now, Duration keep) {
        Instant from = now.minus(keep);
        // Called after HTTP callbacks, on whatever thread they completed: the database work gets a
        // context of its own.
        List<ScrapeSampleEntity> rows =
                scraped.stream().map(s -> entity(releaseId, s, now)).toList();
        return ReactiveWork.onOwnContext(
                vertx,
                () -> Panache.withTransaction(
                        () -> (rows.isEmpty() ? Uni.createFrom().voidItem() : repository.persist(rows))
                                .chain(() -> repository.deleteBefore(releaseId, from))
                                .chain(() -> repository.since(releaseId, from))
                                .map(ScrapeSamples::series)));
    }

    /** Drops a release's samples, in the caller's transaction. */
    public Uni<Void> forget(String releaseId) {
        return repository.deleteRelease(releaseId).replaceWithVoid();
    }

    static String key(String track, String endpoint) {
        return track + " " + endpoint;
    }

    private static Map<String, EndpointSeries> series(List<ScrapeSampleEntity> rows) {
        Map<String, EndpointSeries> series = new LinkedHashMap<>();
        for (ScrapeSampleEntity row : rows) {
            series.computeIfAbsent(key(row.track, row.endpoint), k -> new EndpointSeries())
                    .add(row.scrapedAt, new HttpTraffic(row.requests, row.errors, readBuckets(row.buckets)));
        }
        return series;
    }

    private static ScrapeSampleEntity entity(String releaseId, Scraped scraped, Instant at) {
        ScrapeSampleEntity e = new ScrapeSampleEntity();
        e.releaseId = releaseId;
        e.track = scraped.track();
        e.endpoint = scraped.endpoint();
        e.scrapedAt = at;
        e.requests = scraped.traffic().requests();
        e.errors = scraped.traffic().errors();
        e.buckets = writeBuckets(scraped.traffic());
        return e;
    }

    static String writeBuckets(HttpTraffic traffic) {
        Map<String, Double> buckets = new LinkedHashMap<>();
        traffic.buckets()
                .forEach((le, count) ->
                        buckets.put(le == Double.POSITIVE_INFINITY ? INFINITY : Double.toString(le), count));
        return EventJson.write(buckets);
    }

    static TreeMap<Double, Double> readBuckets(String json) {
        // Upper bound (as written, "+Inf" for infinity) -> cumulative count.
        Map<?, ?> raw = EventJson.read(json, Map.class);
        TreeMap<Double, Double> buckets = new TreeMap<>();
        raw.forEach((le, count) -> buckets.put(
                INFINITY.equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble((String) le),
                ((Number) count).doubleValue()));
        return buckets;
    }
}
