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
 * @param maxRegressionRatio   how much worse than the stable baseline the new version may be
 *                             (1.5 = 50% worse); unset means no baseline comparison
 * @param minRequestsPerWindow fewer requests than this in a window is INSUFFICIENT_DATA, never a rollback
 * @param interval             how often to evaluate (e.g. {@code 10s})
 * @param window               how far back each evaluation looks (e.g. {@code 1m})
 * @param consecutiveFailures  how many DEGRADED windows in a row make a breach
 * @param metricSource         where the measurements come from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Slo(Double maxErrorRate, Double maxP95LatencyMs, Double maxP99LatencyMs, Double maxRegressionRatio,
        Integer minRequestsPerWindow, String interval, String window, Integer consecutiveFailures,
        MetricSource metricSource) {

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
    public record MetricSource(Type type, String address, Map<String, String> queries, List<String> canaryEndpoints,
            List<String> stableEndpoints) {

        public MetricSource {
            queries = queries == null ? null : Map.copyOf(queries);
            canaryEndpoints = canaryEndpoints == null ? null : List.copyOf(canaryEndpoints);
            stableEndpoints = stableEndpoints == null ? null : List.copyOf(stableEndpoints);
        }

        public enum Type {
            @JsonProperty("prometheus") PROMETHEUS,
            @JsonProperty("scrape") SCRAPE,
            /** Explicitly unwatched: carries no address, queries or endpoints. */
            @JsonProperty("none") NONE
        }
    }
}
