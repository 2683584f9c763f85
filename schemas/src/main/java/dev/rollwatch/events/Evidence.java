package dev.rollwatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One measurement that broke (or was checked against) an SLO: what was asked of which source, over
 * which window, what came back, what it was compared with, and the statistic that decided it. It
 * makes a verdict explainable.
 *
 * @param metric      errorRate, latencyP95, latencyP99, ...
 * @param query       the PromQL query or the scraped endpoint
 * @param window      the window length (e.g. {@code 1m})
 * @param windowStart start of the window
 * @param windowEnd   end of the window
 * @param observed    the new version's value over the window
 * @param baseline    the stable version's value, when compared
 * @param threshold   the limit the value was held against (for a relative check, the allowed ratio)
 * @param comparison  absolute (observed vs threshold) or relative (observed / baseline vs threshold)
 * @param samples     requests in the window
 * @param statistic   the test behind the check, with its counts; null for evidence written before
 *                    verdicts carried one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(
        String metric,
        String query,
        String window,
        Instant windowStart,
        Instant windowEnd,
        double observed,
        Double baseline,
        double threshold,
        Comparison comparison,
        long samples,
        Statistic statistic) {

    /** Evidence without a statistic. */
    public Evidence(
            String metric,
            String query,
            String window,
            Instant windowStart,
            Instant windowEnd,
            double observed,
            Double baseline,
            double threshold,
            Comparison comparison,
            long samples) {
        this(metric, query, window, windowStart, windowEnd, observed, baseline, threshold, comparison, samples, null);
    }

    public enum Comparison {
        @JsonProperty("absolute")
        ABSOLUTE,
        @JsonProperty("relative")
        RELATIVE
    }

    /**
     * The test behind a check. Requests either fail (or are slower than the threshold) or not, so each
     * check is a test on a proportion: its counts, the share it is held against, and what decided.
     *
     * @param test               how it was decided
     * @param requests           the new version's requests behind the statistic
     * @param events             the outcomes counted among them: failures, or requests slower than the
     *                           latency threshold
     * @param baselineRequests   the stable version's requests over the same span, when compared with it
     * @param baselineEvents     the stable version's counted outcomes
     * @param limitShare         the share the events are held against
     * @param oddsRatio          the sequential test's alternative, in multiples of the odds of limitShare
     * @param logLikelihoodRatio natural-log likelihood ratio of that alternative against limitShare
     * @param bound              the log-likelihood ratio that decides a breach
     * @param upperBound         one-sided upper confidence bound of the share
     * @param confidence         the level of that bound
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Statistic(
            Test test,
            double requests,
            double events,
            Double baselineRequests,
            Double baselineEvents,
            double limitShare,
            Double oddsRatio,
            Double logLikelihoodRatio,
            Double bound,
            Double upperBound,
            Double confidence) {

        public enum Test {
            /** A sequential likelihood-ratio test (CUSUM) over requests not counted before reached its bound. */
            @JsonProperty("sequential-likelihood-ratio")
            SEQUENTIAL_LIKELIHOOD_RATIO,
            /** A one-sided confidence bound of the share, held against the limit. */
            @JsonProperty("confidence-bound")
            CONFIDENCE_BOUND
        }
    }
}
