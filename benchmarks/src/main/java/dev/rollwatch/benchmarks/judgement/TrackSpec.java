package dev.rollwatch.benchmarks.judgement;

import java.util.function.DoubleUnaryOperator;

/**
 * How one simulated track (canary or stable) behaves. Immutable; the {@code with...} methods give
 * variants, so scenarios read as a base track plus what is special about them.
 *
 * @param pods                endpoints, sharing the track's traffic equally
 * @param requestsPerSecond   the track's whole traffic (Poisson arrivals)
 * @param errorRate           true error rate at a moment, seconds since the canary started
 * @param latency             true latency distribution
 * @param restartEverySeconds mean time between restarts of each pod (counters back to 0); 0 = never
 * @param outage              endpoints that stop answering scrapes, or null
 * @param injectedErrorAt     second at which the first request served fails on purpose, or -1
 */
public record TrackSpec(
        int pods,
        double requestsPerSecond,
        DoubleUnaryOperator errorRate,
        LatencyModel latency,
        double restartEverySeconds,
        Outage outage,
        int injectedErrorAt) {

    /**
     * Endpoints the source cannot read.
     *
     * @param fromSecond      when it starts (after a healthy start, so stale scrapes are in the window)
     * @param podsDown        this many endpoints stop answering
     * @param podsServe       whether they still serve traffic (the source cannot reach them) or crashed
     *                        (their share of the traffic goes to the others)
     * @param scrapeFailure   besides those, every scrape of every endpoint fails with this probability
     */
    public record Outage(int fromSecond, int podsDown, boolean podsServe, double scrapeFailure) {}

    public TrackSpec {
        if (pods < 1 || !(requestsPerSecond >= 0)) {
            throw new IllegalArgumentException("a track needs at least one pod and a traffic rate");
        }
    }

    public static TrackSpec of(int pods, double requestsPerSecond, double errorRate) {
        return new TrackSpec(pods, requestsPerSecond, t -> errorRate, LatencyModel.HEALTHY, 0, null, -1);
    }

    public TrackSpec withErrorRate(DoubleUnaryOperator rate) {
        return new TrackSpec(pods, requestsPerSecond, rate, latency, restartEverySeconds, outage, injectedErrorAt);
    }

    public TrackSpec withLatency(LatencyModel model) {
        return new TrackSpec(pods, requestsPerSecond, errorRate, model, restartEverySeconds, outage, injectedErrorAt);
    }

    public TrackSpec withPods(int count) {
        return new TrackSpec(
                count, requestsPerSecond, errorRate, latency, restartEverySeconds, outage, injectedErrorAt);
    }

    public TrackSpec withRestarts(double everySeconds) {
        return new TrackSpec(pods, requestsPerSecond, errorRate, latency, everySeconds, outage, injectedErrorAt);
    }

    public TrackSpec withOutage(Outage down) {
        return new TrackSpec(pods, requestsPerSecond, errorRate, latency, restartEverySeconds, down, injectedErrorAt);
    }

    public TrackSpec withInjectedError(int atSecond) {
        return new TrackSpec(pods, requestsPerSecond, errorRate, latency, restartEverySeconds, outage, atSecond);
    }
}
