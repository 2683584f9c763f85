package dev.rollwatch.healthmonitor.domain.statistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Page's CUSUM on a stream of Bernoulli outcomes (a request failed or not; was slower than a
 * threshold or not): a sequential probability ratio test against the limit that restarts whenever the
 * evidence favours the limit, so it watches for a change at any time instead of judging once.
 *
 * <p>Why this and not a threshold on each window: evaluated every second over a sliding window, a
 * fixed-level test fires on noise sooner or later, and consecutive windows share most of their
 * requests. Here every request is counted once, in the increment that first saw it, and the statistic
 * is the log-likelihood ratio of "the share is {@code oddsRatio} times the odds of the limit" against
 * "the share is at the limit" over the requests since the run began. Under the limit it drifts down
 * and sticks at zero; over it, it climbs, and reaching {@link #BOUND} (a likelihood ratio of 1000:1)
 * decides a breach. However often it is looked at, a version at its limit takes on average tens of
 * thousands of requests to cross the bound by chance, and a version under it far more.
 *
 * <p>One alternative cannot be both fast for gross failures and quiet near the limit, so two charts
 * run side by side (odds ratios {@code r} and {@code 2r}: Lorden and Pollak's multi-chart CUSUM, an
 * approximation of the generalised likelihood ratio): the chart nearest the truth crosses first. The
 * chart looking for the larger shift must clear a bound higher by its spread ({@link #bound}): one
 * failure moves it about twice as far, so short bursts of noise reach it far more easily (35 of the 36
 * false rollbacks of canaries at 75% of the limit in the judgement benchmark were its), while a gross
 * failure crosses the extra ln 2 within a fraction of a second.
 *
 * @param charts one chart per alternative
 */
public record Cusum(List<Chart> charts) {

    /** ln(1000): a breach needs the evidence to be a thousand times likelier under the alternative. */
    public static final double BOUND = Math.log(1000);

    /**
     * Two charts: a third at 4r (8 times the odds of the limit) caught short bursts of noise near the limit
     * more often than it caught anything sooner (judgement benchmark and simulation: same detection times,
     * a third fewer false alarms at 75% of the limit).
     */
    private static final double[] SPREAD = {1, 2};

    public Cusum {
        charts = List.copyOf(charts);
    }

    /**
     * One alternative's run.
     *
     * @param oddsRatio          the alternative: this many times the odds of the limit
     * @param logLikelihoodRatio the run's statistic, never below zero
     * @param requests           the new version's requests since the run began
     * @param trials             the outcomes counted since the run began (requests, or failures of
     *                           both versions in a comparison with the baseline)
     * @param events             the counted events among them
     */
    public record Chart(double oddsRatio, double logLikelihoodRatio, double requests, double trials, double events) {

        Chart restarted() {
            return new Chart(oddsRatio, 0, 0, 0, 0);
        }
    }

    /** One chart at {@code oddsRatio}, at zero: for a test that only has to decide near its limit. */
    public static Cusum single(double oddsRatio) {
        if (!(oddsRatio > 1)) {
            throw new IllegalArgumentException("the alternative must be worse than the limit, was " + oddsRatio);
        }
        return new Cusum(List.of(new Chart(oddsRatio, 0, 0, 0, 0)));
    }

    /** Charts at {@code minOddsRatio} and twice it, both at zero. */
    public static Cusum start(double minOddsRatio) {
        if (!(minOddsRatio > 1)) {
            throw new IllegalArgumentException("the alternative must be worse than the limit, was " + minOddsRatio);
        }
        List<Chart> charts = new ArrayList<>();
        for (double spread : SPREAD) {
            charts.add(new Chart(minOddsRatio * spread, 0, 0, 0, 0));
        }
        return new Cusum(charts);
    }

    /**
     * Adds one increment of outcomes no earlier increment counted.
     *
     * @param trials     outcomes in the increment
     * @param events     events among them
     * @param limitShare the share the events are held against in this increment, 0..1 exclusive
     * @param requests   the new version's requests behind the increment
     */
    public Cusum add(double trials, double events, double limitShare, double requests) {
        if (!(trials > 0) || !(limitShare > 0 && limitShare < 1)) {
            // Nothing observed, or a share that cannot be tested: the runs carry on as they were.
            return this;
        }
        double hits = Math.min(Math.max(events, 0), trials);
        List<Chart> next = new ArrayList<>(charts.size());
        for (Chart c : charts) {
            double alternative = alternative(limitShare, c.oddsRatio());
            double llr = hits * Math.log(alternative / limitShare)
                    + (trials - hits) * Math.log((1 - alternative) / (1 - limitShare));
            double statistic = c.logLikelihoodRatio() + llr;
            next.add(
                    statistic <= 0
                            ? c.restarted()
                            : new Chart(
                                    c.oddsRatio(),
                                    statistic,
                                    c.requests() + requests,
                                    c.trials() + trials,
                                    c.events() + hits));
        }
        return new Cusum(next);
    }

    /**
     * The chart that decides a breach: over its bound with at least {@code minRequests} of the new
     * version's requests behind it (one failure among a handful of requests never convicts), the
     * strongest if several are.
     */
    public Optional<Chart> alarm(double minRequests) {
        return charts.stream()
                .filter(c -> c.logLikelihoodRatio() >= bound(c) && c.requests() >= minRequests)
                .max(Comparator.comparingDouble(Chart::logLikelihoodRatio));
    }

    /**
     * A chart's bound: {@link #BOUND} for the first, the smallest alternative, and higher by the log of
     * how many times larger an alternative another chart looks for (ln 2000 for the chart at twice the
     * odds).
     */
    public double bound(Chart chart) {
        return BOUND + Math.log(Math.max(1, chart.oddsRatio() / charts.get(0).oddsRatio()));
    }

    /** The chart with the most evidence against the limit, for the record. */
    public Chart strongest() {
        return charts.stream()
                .max(Comparator.comparingDouble(Chart::logLikelihoodRatio))
                .orElseThrow();
    }

    /** The share whose odds are {@code oddsRatio} times those of {@code share}. */
    public static double alternative(double share, double oddsRatio) {
        return oddsRatio * share / (1 - share + oddsRatio * share);
    }
}
