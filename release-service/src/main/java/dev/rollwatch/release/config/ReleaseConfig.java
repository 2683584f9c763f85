package dev.rollwatch.release.config;

import dev.rollwatch.events.Slo;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The release-service's own settings. */
@ConfigMapping(prefix = "rollwatch.release")
public interface ReleaseConfig {

    /**
     * How long an Idempotency-Key (or client-chosen release id) makes a retried request return the
     * release it created. Longer than any CI retry; older keys are forgotten.
     */
    @WithDefault("P7D")
    Duration idempotencyRetention();

    /** How often the releases-by-state gauge is recounted. */
    @WithDefault("15s")
    Duration metricsRefresh();

    /**
     * Status changes held for one SSE client that reads slower than they happen. A client further
     * behind is disconnected instead of slowing the feed for every other dashboard; its EventSource
     * reconnects and {@code GET /api/v1/releases} gives the current state.
     */
    @WithDefault("1000")
    int streamBuffer();

    /**
     * Most SSE clients connected to one instance at once. Each holds a connection and up to
     * {@link #streamBuffer()} changes; one more is answered 503 with {@code Retry-After} instead of
     * growing the heap without bound.
     */
    @WithDefault("200")
    int streamClients();

    /**
     * The address clients reach the API at (e.g. {@code https://rollwatch.example.com}), for absolute
     * {@code Location} headers. Unset, {@code Location} is a path ({@code /api/v1/releases/<id>}): never
     * built from the request's {@code Host} or {@code X-Forwarded-*} headers, which the client chooses.
     */
    Optional<URI> publicBaseUrl();

    /**
     * The metric source the health monitor uses for a release naming none ({@code none},
     * {@code prometheus} or {@code scrape}): read from {@code ROLLWATCH_HEALTH_DEFAULT_SOURCE}, the
     * variable that sets the health monitor's {@code rollwatch.health.default-source}, so one setting
     * serves both. With {@code none}, a request naming no {@code slo.metricSource} is refused with 400:
     * nothing would judge it or roll it back. A request may still accept that explicitly with
     * {@code slo.metricSource.type: none}.
     */
    @WithDefault("none")
    Slo.MetricSource.Type defaultMetricSource();
}
