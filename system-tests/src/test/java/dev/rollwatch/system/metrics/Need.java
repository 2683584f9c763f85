package dev.rollwatch.system.metrics;

/** What kind of series a query needs a metric to be, from how the query uses it. */
enum Need {
    /** {@code histogram_quantile} over {@code _bucket} series: only a histogram has them. */
    HISTOGRAM_BUCKETS("a histogram's _bucket series"),
    /**
     * Under {@code rate}, {@code irate}, {@code increase} or {@code resets}: a counter, or the {@code _count},
     * {@code _sum} or {@code _bucket} series of a histogram or summary (counters too). On a gauge they
     * read every drop as a counter reset and invent increases.
     */
    COUNTER("a counter"),
    /** Under {@code delta}, {@code idelta}, {@code deriv} or {@code predict_linear}: meant for gauges. */
    GAUGE("a gauge"),
    /** Read as it is: any type whose series carry that name. */
    ANY("any series");

    final String description;

    Need(String description) {
        this.description = description;
    }
}
