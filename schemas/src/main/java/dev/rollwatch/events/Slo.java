package dev.rollwatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The objectives the new version must meet while it rolls out. Unset fields take the health
 * monitor's configured defaults.
 *
 * @param maxErrorRate         highest acceptable share of failed requests, 0..1 (0.05 = 5%)
 * @param maxP95LatencyMs      highest acceptable 95th percentile latency in milliseconds
 * @param maxP99LatencyMs      highest acceptable 99th percentile latency in milliseconds
 * @param maxRegressionRatio   how much worse than its baseline the new version may be (1.5 = 50% worse):
 *                             the stable version beside a canary, the previous version measured before a
 *                             blue-green switch or rolling update; unset means the health monitor's
 *                             default (1.5)
 * @param minRequestsPerWindow fewer requests than this in a window is INSUFFICIENT_DATA, never a rollback
 * @param interval             how often to evaluate (e.g. {@code 10s})
 * @param window               how far back each evaluation looks (e.g. {@code 1m})
 * @param consecutiveFailures  how many DEGRADED windows in a row make a breach
 * @param metricSource         where the measurements come from
 * @param whenUnjudged         what a step waits for when the health monitor has not judged the new version
 *                             HEALTHY at the weight in force; null means {@link WhenUnjudged#HOLD}
 * @param podHealth            how many failures of the new version's pods within how long condemn it;
 *                             null means the health monitor's defaults (3 in 2 minutes)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Slo(
        Double maxErrorRate,
        Double maxP95LatencyMs,
        Double maxP99LatencyMs,
        Double maxRegressionRatio,
        Integer minRequestsPerWindow,
        String interval,
        String window,
        Integer consecutiveFailures,
        MetricSource metricSource,
        WhenUnjudged whenUnjudged,
        PodHealth podHealth) {

    /** The objectives with the default pod-health limits. */
    public Slo(
            Double maxErrorRate,
            Double maxP95LatencyMs,
            Double maxP99LatencyMs,
            Double maxRegressionRatio,
            Integer minRequestsPerWindow,
            String interval,
            String window,
            Integer consecutiveFailures,
            MetricSource metricSource,
            WhenUnjudged whenUnjudged) {
        this(
                maxErrorRate,
                maxP95LatencyMs,
                maxP99LatencyMs,
                maxRegressionRatio,
                minRequestsPerWindow,
                interval,
                window,
                consecutiveFailures,
                metricSource,
                whenUnjudged,
                null);
    }

    /** The objectives without a choice for an unjudged release: it holds, the default. */
    public Slo(
            Double maxErrorRate,
            Double maxP95LatencyMs,
            Double maxP99LatencyMs,
            Double maxRegressionRatio,
            Integer minRequestsPerWindow,
            String interval,
            String window,
            Integer consecutiveFailures,
            MetricSource metricSource) {
        this(
                maxErrorRate,
                maxP95LatencyMs,
                maxP99LatencyMs,
                maxRegressionRatio,
                minRequestsPerWindow,
                interval,
                window,
                consecutiveFailures,
                metricSource,
                null);
    }

    /** The choice in force: unset means hold, so no step gives a watched release more traffic unjudged by accident. */
    public WhenUnjudged whenUnjudgedOrDefault() {
        return whenUnjudged == null ? WhenUnjudged.HOLD : whenUnjudged;
    }

    /**
     * What happens to a watched release whose new version the health monitor has not (yet) judged
     * HEALTHY at the weight in force: too little traffic, a source it cannot read. Meaningless for an
     * unwatched release ({@code metricSource.type: none}), which nothing judges, so such a request
     * setting it is refused.
     */
    public enum WhenUnjudged {
        /**
         * The default: the release waits at its step until its new version is judged HEALTHY at the
         * weight in force (a {@code health.passed} for that weight); no more traffic without a verdict.
         */
        @JsonProperty("hold")
        HOLD,
        /**
         * Steps advance on their timers as before. The new version is still watched, and rolled back
         * on a breach; the release just does not wait for a HEALTHY verdict.
         */
        @JsonProperty("proceed")
        PROCEED,
        /**
         * The release waits at its step as with {@link #HOLD}; once the health monitor has been unable to
         * judge it for as long as its warning takes (UNKNOWN 2 minutes, INSUFFICIENT_DATA 10 minutes by
         * default), it aborts the release, which rolls it back. The version is not quarantined: nobody
         * found it bad.
         */
        @JsonProperty("rollback")
        ROLLBACK
    }

    /**
     * When the new version's pods condemn it, whatever its metrics say: the runbooks' "3 failed health
     * checks within 2 minutes". A failure is a container restart, a container that cannot run
     * (CrashLoopBackOff, an image that cannot be pulled, bad configuration), an OOMKill or readiness lost.
     *
     * @param maxFailures failures within the window that make the new version DEGRADED; null for the default
     * @param window      how far back failures count (e.g. {@code 2m}); null for the default
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PodHealth(Integer maxFailures, String window) {}

    /**
     * A metric source.
     *
     * @param type             prometheus, scrape, or none: the request accepts that no metric source judges
     *                         the release, so nothing rolls it back automatically (the release API refuses a
     *                         request naming no source when the installation has no default one)
     * @param address          Prometheus base URL (prometheus)
     * @param queries          PromQL templates overriding the defaults, by measurement name (prometheus)
     * @param canaryEndpoints  metrics URLs of the new version (scrape); found through Kubernetes when unset
     * @param stableEndpoints  metrics URLs of the stable version (scrape)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MetricSource(
            Type type,
            String address,
            Map<String, String> queries,
            List<String> canaryEndpoints,
            List<String> stableEndpoints) {

        public MetricSource {
            queries = Copies.map(queries);
            canaryEndpoints = Copies.list(canaryEndpoints);
            stableEndpoints = Copies.list(stableEndpoints);
        }

        public enum Type {
            @JsonProperty("prometheus")
            PROMETHEUS,
            @JsonProperty("scrape")
            SCRAPE,
            /** Explicitly unwatched: carries no address, queries or endpoints. */
            @JsonProperty("none")
            NONE
        }
    }
}
