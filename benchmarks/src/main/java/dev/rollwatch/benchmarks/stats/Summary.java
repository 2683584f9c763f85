package dev.rollwatch.benchmarks.stats;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collection;
import java.util.Objects;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Order statistics of one measured quantity, in milliseconds. Percentiles use estimation R-7 (linear
 * interpolation between closest ranks, as numpy and spreadsheets do) rather than commons-math's
 * legacy default, so a p95 of ten runs lies between the two slowest runs, where readers expect it.
 *
 * @param count  number of samples
 * @param min    fastest
 * @param median 50th percentile
 * @param p90    90th percentile (what the judgement benchmark reads detection targets at)
 * @param p95    95th percentile
 * @param p99    99th percentile
 * @param max    slowest
 * @param mean   arithmetic mean
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Summary(
        int count, Double min, Double median, Double p90, Double p95, Double p99, Double max, Double mean) {

    private static final Summary EMPTY = new Summary(0, null, null, null, null, null, null, null);

    /** Summarises the samples (nulls are skipped: a quantity a run could not observe). */
    public static Summary of(Collection<Double> samples) {
        double[] values = samples.stream()
                .filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        if (values.length == 0) {
            return EMPTY;
        }
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        percentile.setData(values);
        return new Summary(
                values.length,
                values[0],
                percentile.evaluate(50),
                percentile.evaluate(90),
                percentile.evaluate(95),
                percentile.evaluate(99),
                values[values.length - 1],
                new Mean().evaluate(values));
    }

    @JsonIgnore // derived from count; not part of the result format
    public boolean isEmpty() {
        return count == 0;
    }
}
