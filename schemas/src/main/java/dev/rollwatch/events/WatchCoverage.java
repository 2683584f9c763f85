package dev.rollwatch.events;

/**
 * Whether a metric source will judge a release: its own {@code slo.metricSource}, else the
 * installation's default source ({@code ROLLWATCH_HEALTH_DEFAULT_SOURCE}, which the release-service,
 * the health monitor and the notifier all read). Every service answers from here, so the API, Slack
 * and the health monitor agree on which releases nobody watches.
 */
public enum WatchCoverage {

    /** A metric source judges the release: the one it names, or the installation's default. */
    WATCHED(null),
    /** The request set {@code slo.metricSource.type} to {@code none}: unwatched on purpose. */
    UNWATCHED_BY_REQUEST("the request sets slo.metricSource.type to none"),
    /**
     * The request named no source and the installation has none. The release API refuses such a
     * request; one produced on Kafka directly still runs, unwatched, and is shown as such.
     */
    UNWATCHED_WITHOUT_SOURCE("the request names no slo.metricSource and the installation's default source is none");

    private final String reason;

    WatchCoverage(String reason) {
        this.reason = reason;
    }

    /**
     * @param slo                 the release's objectives, possibly null
     * @param installationDefault the installation's default source type ({@code NONE} when it has none)
     */
    public static WatchCoverage of(Slo slo, Slo.MetricSource.Type installationDefault) {
        Slo.MetricSource source = slo == null ? null : slo.metricSource();
        if (source != null) {
            return source.type() == Slo.MetricSource.Type.NONE ? UNWATCHED_BY_REQUEST : WATCHED;
        }
        return installationDefault == null || installationDefault == Slo.MetricSource.Type.NONE
                ? UNWATCHED_WITHOUT_SOURCE
                : WATCHED;
    }

    public boolean watched() {
        return this == WATCHED;
    }

    /** Why no metric source judges the release, in words for people; null when one does. */
    public String reason() {
        return reason;
    }
}
