package dev.rollwatch.benchmarks.judgement;

import dev.rollwatch.benchmarks.judgement.Scenario.Kind;
import dev.rollwatch.healthmonitor.domain.SloPolicy;
import dev.rollwatch.healthmonitor.domain.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The judgement benchmark's scenarios. Common ground: a canary at 10% of 500 requests/s (50/s over 2
 * pods) beside the stable version (450/s), both healthy at 0.5% errors and a p95 of 200 ms unless
 * said otherwise; every endpoint scraped each second; SLO error rate 2%, p95 500 ms, 50 requests per
 * 10 s window, evaluated every second, one DEGRADED evaluation makes a breach (the sequential test is
 * the confirmation), the installation's defaults for the comparison with the stable version (50% worse
 * and at least 1 point or 50 ms more). The judge sees the
 * canary's pods, as it does by default (3 pod failures in 2 minutes condemn it), except in the
 * "metrics only" scenarios, which are about what the metrics alone say.
 *
 * <p>The stable version is one endpoint: the source sums a track's endpoints, and a sum of Poisson
 * counts is Poisson, so more stable pods would change nothing the judge sees but cost a quarter more
 * time per run. The canary has several where it matters (restarts, crashes, coverage).
 *
 * <p>Run weights: the base count ({@code --judgement-runs}, default 300) is what a 1% target needs
 * (the 95% bound of 0 rollbacks in n runs is about 3/n, under 1% from 299 runs on); a 0.1% target
 * needs ten times as many (2,995), so scenarios 1 and 9 get weight 10, and so does 2, whose 1% target
 * can then be shown met with a few rollbacks.
 */
public final class Scenarios {

    static final int TEN_MINUTES = 600;
    static final double LIMIT = 0.02;
    static final double HEALTHY_ERRORS = 0.005;
    /** The health monitor's default regression ratio (rollwatch.health.defaults.max-regression-ratio). */
    static final double DEFAULT_RATIO = 1.5;
    /** Runs of the scenarios whose target is a rate under 0.1%, as a multiple of the base count. */
    static final double RARE_WEIGHT = 10;
    /** Runs of the scenarios about the verdict mix, or only reported. */
    static final double MIX_WEIGHT = 0.5;
    /** Crashes and outages start after a healthy minute, so stale scrapes are in the window. */
    static final int FAULT_AT = 60;

    private Scenarios() {}

    public static SloPolicy policy(double maxErrorRate, Double maxRegressionRatio) {
        return new SloPolicy(
                maxErrorRate,
                500,
                null,
                maxRegressionRatio,
                50,
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                1,
                0.01,
                50);
    }

    static TrackSpec canary(double errorRate) {
        return TrackSpec.of(2, 50, errorRate);
    }

    static TrackSpec stable(double errorRate) {
        return TrackSpec.of(1, 450, errorRate);
    }

    public static List<Scenario> all() {
        SloPolicy slo = policy(LIMIT, DEFAULT_RATIO);
        double driftTo = 0.04;
        double crossing = (LIMIT - HEALTHY_ERRORS) / (driftTo - HEALTHY_ERRORS) * TEN_MINUTES;
        TrackSpec restarting = canary(HEALTHY_ERRORS).withRestarts(60);
        TrackSpec.Outage oneCrashed = new TrackSpec.Outage(FAULT_AT, 1, false, 0);
        TrackSpec.Outage threeCrashed = new TrackSpec.Outage(FAULT_AT, 3, false, 0);
        return List.of(
                healthy(
                        "1",
                        "healthy noisy canary",
                        "canary and stable at 0.5% errors",
                        slo,
                        canary(HEALTHY_ERRORS),
                        true,
                        Target.rollbacksBelow(0.001),
                        RARE_WEIGHT),
                // Beside a stable version at 1%, the canary is 1.5 times and half a point worse: within the
                // default regression limit (which needs both 1.5 times and a point), so only the absolute
                // limit is in question. Beside 0.5% it would be a regression by the SLO's own definition.
                // Ten times the base runs: a 1% target can then be shown met with a few rollbacks.
                new Scenario(
                        "2",
                        "canary at 75% of its limit",
                        Kind.FALSE_ROLLBACK,
                        "canary at 1.5% errors (limit 2%),"
                                + " stable 1% (1.5x and 0.5 points: within the default regression limit)",
                        slo,
                        canary(0.015),
                        stable(0.01),
                        true,
                        TEN_MINUTES,
                        Target.rollbacksBelow(0.01),
                        RARE_WEIGHT,
                        Double.NaN),
                fromStart("3", "errors at 2.5x the limit", "canary at 5% errors from the start", canary(0.05), 10),
                fromStart("4", "errors at 5x the limit", "canary at 10% errors from the start", canary(0.10), 5),
                fromStart(
                        "5a",
                        "latency at 2x the limit",
                        "canary p95 1000 ms (limit 500 ms; "
                                + share(LatencyModel.withP95(1000).shareSlowerThan(500))
                                + " of requests over 500 ms) from "
                                + "the start",
                        canary(HEALTHY_ERRORS).withLatency(LatencyModel.withP95(1000)),
                        10),
                fromStart(
                        "5b",
                        "latency at 5x the limit",
                        "canary p95 2500 ms ("
                                + share(LatencyModel.withP95(2500).shareSlowerThan(500))
                                + " over 500 ms) from the start",
                        canary(HEALTHY_ERRORS).withLatency(LatencyModel.withP95(2500)),
                        5),
                // Against the absolute limit only: with the comparison on, 1.5% beside 0.5% is a regression
                // by itself, long before the limit, and "early" would mean nothing.
                new Scenario(
                        "6",
                        "slow drift",
                        Kind.DRIFT,
                        String.format(
                                Locale.ROOT,
                                "canary error rate rising "
                                        + "linearly from 0.5%% to 4%% over 10 min; crosses the 2%% limit at %.0f s; absolute limits "
                                        + "only",
                                crossing),
                        policy(LIMIT, null),
                        canary(0)
                                .withErrorRate(t -> HEALTHY_ERRORS
                                        + (driftTo - HEALTHY_ERRORS) * Math.min(t, TEN_MINUTES) / TEN_MINUTES),
                        stable(HEALTHY_ERRORS),
                        true,
                        TEN_MINUTES,
                        Target.reportOnly("report: rollbacks before the crossing are early"),
                        1,
                        crossing),
                shared(
                        "7a",
                        "shared failure, relative SLO",
                        "canary and stable at 3% errors; SLO max error rate 5%, " + "regression ratio 1.5",
                        policy(0.05, DEFAULT_RATIO)),
                shared(
                        "7b",
                        "shared failure over an absolute limit",
                        "canary and stable at 3% errors; SLO max error "
                                + "rate 2% (both over it), regression ratio 1.5",
                        slo),
                new Scenario(
                        "8a",
                        "low traffic",
                        Kind.FALSE_ROLLBACK,
                        "canary 0.5 requests/s on 1 pod (stable "
                                + "4.5/s): about 5 requests per 10 s window, under the 50 needed",
                        slo,
                        TrackSpec.of(1, 0.5, HEALTHY_ERRORS),
                        TrackSpec.of(1, 4.5, HEALTHY_ERRORS),
                        true,
                        TEN_MINUTES,
                        Target.neverRolledBack().mostly(Verdict.INSUFFICIENT_DATA),
                        MIX_WEIGHT,
                        Double.NaN),
                new Scenario(
                        "8b",
                        "low traffic, one failed request",
                        Kind.FALSE_ROLLBACK,
                        "as 8a, with the first " + "request after 5 s failing on purpose",
                        slo,
                        TrackSpec.of(1, 0.5, HEALTHY_ERRORS).withInjectedError(5),
                        TrackSpec.of(1, 4.5, HEALTHY_ERRORS),
                        true,
                        TEN_MINUTES,
                        Target.neverRolledBack(),
                        MIX_WEIGHT,
                        Double.NaN),
                healthy(
                        "9",
                        "counter resets, metrics only",
                        "healthy canary (0.5% errors) whose 2 pods each restart "
                                + "every ~60 s (45-75 s; counters back to 0, no downtime); pod health not looked at",
                        slo,
                        restarting,
                        false,
                        Target.rollbacksBelow(0.001),
                        RARE_WEIGHT),
                healthy(
                        "9p",
                        "counter resets, pod health on",
                        "as 9, with the judge seeing the pods: each restart is " + "a pod failure",
                        slo,
                        restarting,
                        true,
                        Target.reportOnly("report: restarts are pod failures"),
                        MIX_WEIGHT),
                healthy(
                        "10a",
                        "1 of 4 canary pods crashed, metrics only",
                        "healthy canary on 4 pods; after 60 s one "
                                + "crashes (no traffic, no scrape; the others take its traffic); pod health not looked at",
                        slo,
                        crashing(oneCrashed),
                        false,
                        Target.neverRolledBack(),
                        MIX_WEIGHT),
                healthy(
                        "10b",
                        "3 of 4 canary pods crashed, metrics only",
                        "as 10a with three pods crashed: 1 of 4 " + "endpoints answers",
                        slo,
                        crashing(threeCrashed),
                        false,
                        Target.neverRolledBack().mostly(Verdict.UNKNOWN),
                        MIX_WEIGHT),
                healthy(
                        "10c",
                        "source outage",
                        "healthy canary on 4 pods; after 60 s no canary endpoint answers the "
                                + "scrape (the pods still serve and are ready)",
                        slo,
                        crashing(new TrackSpec.Outage(FAULT_AT, 4, true, 0)),
                        true,
                        Target.neverRolledBack().mostly(Verdict.UNKNOWN),
                        MIX_WEIGHT),
                healthy(
                        "10d",
                        "flaky scrapes",
                        "healthy canary on 4 pods; after 60 s each scrape of each endpoint "
                                + "fails with probability 30%",
                        slo,
                        crashing(new TrackSpec.Outage(FAULT_AT, 0, true, 0.3)),
                        true,
                        Target.neverRolledBack(),
                        MIX_WEIGHT),
                crash(
                        "10e",
                        "1 of 4 canary pods crashed, pod health on",
                        "as 10a, with the judge seeing the pods "
                                + "(not ready, CrashLoopBackOff, restarted at each back-off)",
                        crashing(oneCrashed)),
                crash(
                        "10f",
                        "3 of 4 canary pods crashed, pod health on",
                        "as 10b, with the judge seeing the pods",
                        crashing(threeCrashed)));
    }

    private static Scenario healthy(
            String id,
            String name,
            String setup,
            SloPolicy policy,
            TrackSpec canary,
            boolean podHealth,
            Target target,
            double weight) {
        return new Scenario(
                id,
                name,
                Kind.FALSE_ROLLBACK,
                setup,
                policy,
                canary,
                stable(HEALTHY_ERRORS),
                podHealth,
                TEN_MINUTES,
                target,
                weight,
                Double.NaN);
    }

    private static Scenario fromStart(String id, String name, String setup, TrackSpec canary, int seconds) {
        return new Scenario(
                id,
                name,
                Kind.DETECTION,
                setup,
                policy(LIMIT, DEFAULT_RATIO),
                canary,
                stable(HEALTHY_ERRORS),
                true,
                TEN_MINUTES,
                Target.detectedWithin(seconds),
                1,
                0);
    }

    private static Scenario shared(String id, String name, String setup, SloPolicy policy) {
        return new Scenario(
                id,
                name,
                Kind.FALSE_ROLLBACK,
                setup,
                policy,
                canary(0.03),
                stable(0.03),
                true,
                TEN_MINUTES,
                Target.rollbacksBelow(0.01),
                1,
                Double.NaN);
    }

    private static Scenario crash(String id, String name, String setup, TrackSpec canary) {
        return new Scenario(
                id,
                name,
                Kind.DETECTION,
                setup,
                policy(LIMIT, DEFAULT_RATIO),
                canary,
                stable(HEALTHY_ERRORS),
                true,
                TEN_MINUTES,
                Target.reportOnly("report: time from the crash"),
                MIX_WEIGHT,
                FAULT_AT);
    }

    private static TrackSpec crashing(TrackSpec.Outage outage) {
        return canary(HEALTHY_ERRORS).withPods(4).withOutage(outage);
    }

    private static String share(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
