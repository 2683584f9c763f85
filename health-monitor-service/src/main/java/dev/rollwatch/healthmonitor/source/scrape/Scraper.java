package dev.rollwatch.healthmonitor.source.scrape;

import dev.rollwatch.healthmonitor.config.HealthConfig;
import dev.rollwatch.healthmonitor.source.BoundedHttp;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * One scrape with a deadline ({@code rollwatch.health.scrape.timeout}) shorter than the shortest
 * interval: a pod that does not answer in time is a failed scrape for this window, and is tried again
 * the next. No retry: the next interval is the retry. The page is read up to
 * {@code rollwatch.health.scrape.max-body-size} and parsed on a worker thread, so one huge or slow
 * endpoint costs its own scrape, not the event loop every other watch needs.
 */
@ApplicationScoped
public class Scraper {

    /** What Prometheus asks for: the classic text format first, OpenMetrics accepted. */
    static final String ACCEPT =
            "text/plain;version=0.0.4;q=1,application/openmetrics-text;version=1.0.0;q=0.5,*/*;q=0.1";

    private final BoundedHttp http;
    private final Duration timeout;
    private final long maxBytes;

    @Inject
    Scraper(BoundedHttp http, HealthConfig config) {
        this(http, config.scrape().timeout(), config.scrape().maxBodySize().asLongValue());
    }

    Scraper(BoundedHttp http, Duration timeout, long maxBytes) {
        this.http = http;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** The endpoint's samples; a process that has not served a request yet may expose an empty page. */
    public Uni<List<ExpositionParser.Sample>> scrape(String url) {
        // The deadline cancels the request, which hangs up on the endpoint at once.
        return http.get(url, ACCEPT, maxBytes, timeout)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(body -> ExpositionParser.parse(body.toString(StandardCharsets.UTF_8)))
                .ifNoItem()
                .after(timeout)
                .failWith(() -> new ScrapeTimedOutException(timeout));
    }
}
