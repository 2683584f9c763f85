package dev.rollwatch.benchmarks.judgement;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collection;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Order statistics of a time, in milliseconds, with the p90 a detection target is read at (the
 * harness' {@code Summary} has p99 instead). Percentiles by linear interpolation, as there.
 *
 * @param count  number of samples
 * @param min    smallest
 * @param median 50th percentile
 * @param p90    90th percentile
 * @param p95    95th percentile
 * @param max    largest
 * @param mean   arithmetic mean
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Distribution(int count, Double min, Double median, Double p90, Double p95, Double max, Double mean) {

    private static final Distribution EMPTY = new Distribution(0, null, null, null, null, null, null);

    public static Distribution of(Collection<Double> samples) {
        double[] values = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (values.length == 0) {
            return EMPTY;
        }
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        percentile.setData(values);
        return new Distribution(values.length, values[0], percentile.evaluate(50), percentile.evaluate(90),
                percentile.evaluate(95), values[values.length - 1], new Mean().evaluate(values));
    }

    @JsonIgnore // derived from count; not part of the result format
    public boolean isEmpty() {
        return count == 0;
    }
}
