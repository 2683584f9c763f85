package dev.rollwatch.healthmonitor.source.scrape;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * One scrape with a deadline shorter than the shortest interval worth having: a pod that does not
 * answer in time is a failed scrape this interval, and is tried again the next. No retry: the next
 * interval is the retry.
 */
@ApplicationScoped
public class Scraper {

    private final ScrapeApi api;

    Scraper(@RestClient ScrapeApi api) {
        this.api = api;
    }

    @Timeout(800)
    public Uni<String> scrape(String url) {
        // A process that has not served a request yet may expose an empty page; the client reads it as null.
        return api.scrape(url, ScrapeApi.ACCEPT).map(text -> text == null ? "" : text);
    }
}
