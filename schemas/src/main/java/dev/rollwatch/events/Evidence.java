package dev.rollwatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One measurement that broke (or was checked against) an SLO: what was asked of which source, over
 * which window, what came back, and what it was compared with. It makes a rollback explainable.
 *
 * @param metric      errorRate, latencyP95, latencyP99, ...
 * @param query       the PromQL query or the scraped endpoint
 * @param window      the window length (e.g. {@code 1m})
 * @param windowStart start of the window
 * @param windowEnd   end of the window
 * @param observed    the new version's value
 * @param baseline    the stable version's value, when compared
 * @param threshold   the limit the value was held against
 * @param comparison  absolute (observed vs threshold) or relative (observed / baseline vs threshold)
 * @param samples     requests in the window
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String metric, String query, String window, Instant windowStart, Instant windowEnd,
        double observed, Double baseline, double threshold, Comparison comparison, long samples) {

    public enum Comparison {
        @JsonProperty("absolute") ABSOLUTE,
        @JsonProperty("relative") RELATIVE
    }
}
