package dev.rollwatch.healthmonitor.source.scrape;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The recent scrapes of one endpoint, oldest first: our own sliding window, so the scrape source
 * needs no Prometheus to compute rates and quantiles.
 */
public final class EndpointSeries {

    private record Scrape(Instant at, HttpTraffic traffic) {}

    private final List<Scrape> scrapes = new ArrayList<>();

    public synchronized void add(Instant at, HttpTraffic traffic) {
        if (!scrapes.isEmpty() && !at.isAfter(scrapes.get(scrapes.size() - 1).at())) {
            return;
        }
        scrapes.add(new Scrape(at, traffic));
    }

    /**
     * The traffic over the window ending at {@code end}: from the last scrape at or before the window
     * start (or the oldest one, while the window is still filling) to the last scrape at or before
     * {@code end}. Summed scrape by scrape, so a counter reset in the middle loses nothing.
     *
     * @return empty until there are two scrapes to compare
     */
    public synchronized Optional<TrafficDelta> over(Duration window, Instant end) {
        Instant start = end.minus(window);
        int first = -1;
        int last = -1;
        for (int i = 0; i < scrapes.size(); i++) {
            Instant at = scrapes.get(i).at();
            if (!at.isAfter(start)) {
                first = i;
            }
            if (!at.isAfter(end)) {
                last = i;
            }
        }
        if (first < 0) {
            first = 0;
        }
        if (last <= first) {
            return Optional.empty();
        }
        TrafficDelta total = null;
        for (int i = first; i < last; i++) {
            Scrape a = scrapes.get(i);
            Scrape b = scrapes.get(i + 1);
            TrafficDelta step = TrafficDelta.between(a.at(), a.traffic(), b.at(), b.traffic());
            total = total == null ? step : total.then(step);
        }
        return Optional.of(total);
    }

    /** Forgets scrapes no window ending now or later can need, keeping the one at the window start. */
    public synchronized void prune(Instant windowStart) {
        int keepFrom = 0;
        for (int i = 0; i < scrapes.size(); i++) {
            if (!scrapes.get(i).at().isAfter(windowStart)) {
                keepFrom = i;
            }
        }
        if (keepFrom > 0) {
            scrapes.subList(0, keepFrom).clear();
        }
    }

    /** Forgets scrapes taken before {@code from}: what the database no longer holds either. */
    public synchronized void dropBefore(Instant from) {
        scrapes.removeIf(s -> s.at().isBefore(from));
    }

    public synchronized Instant lastScrape() {
        return scrapes.isEmpty() ? null : scrapes.get(scrapes.size() - 1).at();
    }

    public synchronized int size() {
        return scrapes.size();
    }
}
