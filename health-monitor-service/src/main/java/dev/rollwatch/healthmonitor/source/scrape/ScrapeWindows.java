package dev.rollwatch.healthmonitor.source.scrape;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The scrape source's sliding windows: per release, per endpoint, the recent scrapes. Held in
 * memory; after a restart (or when another instance takes a release over) they refill within one
 * window, during which the release is UNKNOWN or INSUFFICIENT_DATA, never judged on half a picture.
 */
final class ScrapeWindows {

    private static final class Release {
        final ConcurrentMap<String, EndpointSeries> endpoints = new ConcurrentHashMap<>();
        volatile Instant lastUsed;
    }

    private final ConcurrentMap<String, Release> releases = new ConcurrentHashMap<>();

    EndpointSeries series(String releaseId, String track, String endpoint, Instant now) {
        Release release = releases.computeIfAbsent(releaseId, id -> new Release());
        release.lastUsed = now;
        return release.endpoints.computeIfAbsent(track + " " + endpoint, key -> new EndpointSeries());
    }

    /** Drops endpoints not scraped since {@code before}: pods that went away. */
    void dropStaleEndpoints(String releaseId, Instant before) {
        Release release = releases.get(releaseId);
        if (release != null) {
            release.endpoints.values().removeIf(s -> s.lastScrape() == null || s.lastScrape().isBefore(before));
        }
    }

    void forget(String releaseId) {
        releases.remove(releaseId);
    }

    /** Releases nobody evaluated for a while ended, or are evaluated by another instance now. */
    void evictIdle(Instant now, Duration idle) {
        releases.values().removeIf(r -> r.lastUsed != null && r.lastUsed.isBefore(now.minus(idle)));
    }

    int releases() {
        return releases.size();
    }
}
