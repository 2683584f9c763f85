package dev.rollwatch.healthmonitor.source.scrape;

import dev.rollwatch.healthmonitor.config.HealthConfig;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * One scrape with a deadline ({@code rollwatch.health.scrape.timeout}) shorter than the shortest
 * interval: a pod that does not answer in time is a failed scrape this interval, and is tried again
 * the next. No retry: the next interval is the retry.
 */
@ApplicationScoped
public class Scraper {

    private final ScrapeApi api;
    private final Duration timeout;
    private final TypedGuard<Uni<String>> guard;

    Scraper(@RestClient ScrapeApi api, HealthConfig config) {
        this.api = api;
        this.timeout = config.scrape().timeout();
        this.guard = TypedGuard.create(new TypeLiteral<Uni<String>>() {})
                .withTimeout()
                .duration(timeout.toMillis(), ChronoUnit.MILLIS)
                .done()
                .build();
    }

    public Uni<String> scrape(String url) {
        // A process that has not served a request yet may expose an empty page; the client reads it as null.
        return guard.get(() -> api.scrape(url, ScrapeApi.ACCEPT).map(text -> text == null ? "" : text))
                .onFailure(TimeoutException.class)
                .transform(e -> new ScrapeTimedOutException(timeout));
    }
}
