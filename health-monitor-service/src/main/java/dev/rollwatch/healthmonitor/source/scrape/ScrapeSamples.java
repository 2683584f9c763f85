package dev.rollwatch.healthmonitor.source.scrape;

import dev.rollwatch.eventing.ReactiveWork;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.healthmonitor.persistence.ScrapeSampleEntity;
import dev.rollwatch.healthmonitor.persistence.ScrapeSampleRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The scrape source's sliding windows, kept in the service's database: whichever instance evaluates
 * a release next (another replica after a rebalance, or this one after a restart) sees every scrape
 * the others took, so its windows are as full as if nothing had moved.
 *
 * <p>Each instance also keeps its own copy of the windows it evaluates, so an evaluation reads back
 * only the scrapes it has not seen (its own new ones and any another instance took meanwhile), not
 * the whole window: reading every row of the window each interval made the work grow with window ×
 * endpoints ÷ interval. A copy nobody has used for a window's length is dropped.
 */
@ApplicationScoped
public class ScrapeSamples {

    private static final String INFINITY = "+Inf";

    private final ScrapeSampleRepository repository;
    private final Vertx vertx;
    private final Counter rowsRead;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    /** One release's series on this instance, the newest scrape time it has read, and when it was last used. */
    private static final class Window {
        final Map<String, EndpointSeries> series = new ConcurrentHashMap<>();
        volatile Instant newest;
        volatile Instant used;
    }

    ScrapeSamples(ScrapeSampleRepository repository, Vertx vertx, MeterRegistry registry) {
        this.repository = repository;
        this.vertx = vertx;
        this.rowsRead = Counter.builder("rollwatch.health.scrape.rows.read")
                .description("Stored scrapes read back to compute windows")
                .register(registry);
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
        dropUnused(now, keep);
        Window known = windows.get(releaseId);
        // What this instance has not seen yet: everything in the window the first time, then only
        // what was stored after the newest scrape it read (its own new ones, and other instances').
        Instant readFrom = known == null || known.newest == null || known.newest.isBefore(from) ? null : known.newest;
        // Called after HTTP callbacks, on whatever thread they completed: the database work gets a
        // context of its own.
        List<ScrapeSampleEntity> rows =
                scraped.stream().map(s -> entity(releaseId, s, now)).toList();
        return ReactiveWork.onOwnContext(
                        vertx,
                        () -> Panache.withTransaction(
                                () -> (rows.isEmpty() ? Uni.createFrom().voidItem() : repository.persist(rows))
                                        .chain(() -> repository.deleteBefore(releaseId, from))
                                        .chain(() -> readFrom == null
                                                ? repository.since(releaseId, from)
                                                : repository.after(releaseId, readFrom))))
                .map(read -> {
                    rowsRead.increment(read.size());
                    Window window = readFrom == null ? new Window() : known;
                    add(window, read);
                    // Exactly what a reload from the database would hold: the scrapes since from.
                    window.series.values().forEach(s -> s.dropBefore(from));
                    window.series.values().removeIf(s -> s.size() == 0);
                    window.used = now;
                    windows.put(releaseId, window);
                    return Map.copyOf(window.series);
                });
    }

    /** Windows of releases this instance no longer evaluates (ended, or taken over by another instance). */
    private void dropUnused(Instant now, Duration keep) {
        Instant before = now.minus(keep).minus(keep);
        windows.values().removeIf(w -> w.used != null && w.used.isBefore(before));
    }

    /** Drops a release's samples, in the caller's transaction. */
    public Uni<Void> forget(String releaseId) {
        windows.remove(releaseId);
        return repository.deleteRelease(releaseId).replaceWithVoid();
    }

    static String key(String track, String endpoint) {
        return track + " " + endpoint;
    }

    private static void add(Window window, List<ScrapeSampleEntity> rows) {
        for (ScrapeSampleEntity row : rows) {
            window.series
                    .computeIfAbsent(key(row.track, row.endpoint), k -> new EndpointSeries())
                    .add(row.scrapedAt, new HttpTraffic(row.requests, row.errors, readBuckets(row.buckets)));
            if (window.newest == null || row.scrapedAt.isAfter(window.newest)) {
                window.newest = row.scrapedAt;
            }
        }
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
