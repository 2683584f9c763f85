package dev.rollwatch.benchmarks.judgement;

import dev.rollwatch.healthmonitor.domain.pods.PodSnapshot;
import dev.rollwatch.healthmonitor.source.scrape.HttpTraffic;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The pods of one track serving their traffic second by second, what a scrape of each endpoint
 * returns, and what the Kubernetes API says of them. Time is in seconds since the canary started.
 */
final class SimulatedTrack {

    /** Restarts come every {@code restartEverySeconds} give or take this share, so pods drift apart. */
    private static final double RESTART_JITTER = 0.25;
    /** The kubelet's crash-loop back-off: 10 s, doubling, at most 5 min. */
    private static final double BACKOFF_SECONDS = 10;

    private static final double MAX_BACKOFF_SECONDS = 300;

    private final TrackSpec spec;
    private final SplittableRandom random;
    private final double[] latencyCumulative;
    private final SimulatedPod[] pods;
    private final double[] nextRestart;
    private final int[] restarts;
    private boolean errorInjected;

    SimulatedTrack(TrackSpec spec, SplittableRandom random) {
        this.spec = spec;
        this.random = random;
        this.latencyCumulative = spec.latency().cumulative();
        this.pods = new SimulatedPod[spec.pods()];
        this.nextRestart = new double[spec.pods()];
        this.restarts = new int[spec.pods()];
        for (int i = 0; i < pods.length; i++) {
            pods[i] = new SimulatedPod();
            // A random phase, so the pods of a track do not all restart together.
            nextRestart[i] = spec.restartEverySeconds() > 0
                    ? random.nextDouble() * spec.restartEverySeconds()
                    : Double.POSITIVE_INFINITY;
        }
    }

    /** Serves the traffic of the second ending at {@code second}: the span (second - 1, second]. */
    void serve(int second) {
        double errorRate = spec.errorRate().applyAsDouble(second - 0.5);
        List<Integer> serving = serving(second);
        if (serving.isEmpty()) {
            return;
        }
        double perPod = spec.requestsPerSecond() / serving.size();
        for (int pod : serving) {
            double from = second - 1;
            while (nextRestart[pod] <= second) {
                // Requests before the restart went to the old process: counted only if a scrape saw them.
                pods[pod].serve(random, perPod * (nextRestart[pod] - from), errorRate, latencyCumulative);
                pods[pod].restart();
                restarts[pod]++;
                from = nextRestart[pod];
                nextRestart[pod] +=
                        spec.restartEverySeconds() * (1 - RESTART_JITTER + 2 * RESTART_JITTER * random.nextDouble());
            }
            int served = pods[pod].serve(random, perPod * (second - from), errorRate, latencyCumulative);
            if (!errorInjected && spec.injectedErrorAt() >= 0 && second > spec.injectedErrorAt() && served > 0) {
                pods[pod].failOneServed();
                errorInjected = true;
            }
        }
    }

    /** Scrapes every endpoint at {@code second}: its counters, or null where it did not answer. */
    List<HttpTraffic> scrape(int second) {
        List<HttpTraffic> scraped = new ArrayList<>(pods.length);
        TrackSpec.Outage outage = spec.outage();
        for (int i = 0; i < pods.length; i++) {
            boolean down = outage != null
                    && second >= outage.fromSecond()
                    && (i < outage.podsDown() || random.nextDouble() < outage.scrapeFailure());
            scraped.add(down ? null : pods[i].counters());
        }
        return scraped;
    }

    /**
     * The pods as the Kubernetes API shows them at {@code second}: a restarted pod is ready again at
     * once (restarts are instantaneous here); a crashed one is not ready, in CrashLoopBackOff, and
     * restarted at each back-off.
     */
    List<PodSnapshot> podSnapshots(int second, String track) {
        TrackSpec.Outage outage = spec.outage();
        boolean crashed = outage != null && !outage.podsServe() && second >= outage.fromSecond();
        List<PodSnapshot> snapshots = new ArrayList<>(pods.length);
        for (int i = 0; i < pods.length; i++) {
            String name = track + "-pod-" + i;
            if (crashed && i < outage.podsDown()) {
                snapshots.add(new PodSnapshot(
                        name,
                        false,
                        restarts[i] + crashLoopRestarts(second - outage.fromSecond()),
                        "CrashLoopBackOff"));
            } else {
                snapshots.add(new PodSnapshot(name, true, restarts[i], null));
            }
        }
        return snapshots;
    }

    /** Restarts of a container that crashed {@code sinceCrash} seconds ago and keeps crashing at start. */
    static int crashLoopRestarts(double sinceCrash) {
        if (sinceCrash < 0) {
            return 0;
        }
        int count = 1;
        double delay = BACKOFF_SECONDS;
        double next = delay;
        while (next <= sinceCrash) {
            count++;
            delay = Math.min(delay * 2, MAX_BACKOFF_SECONDS);
            next += delay;
        }
        return count;
    }

    /** The pods taking traffic in the second ending at {@code second}: crashed ones take none. */
    private List<Integer> serving(int second) {
        TrackSpec.Outage outage = spec.outage();
        boolean crashed = outage != null && !outage.podsServe() && second - 1 >= outage.fromSecond();
        List<Integer> serving = new ArrayList<>(pods.length);
        for (int i = crashed ? outage.podsDown() : 0; i < pods.length; i++) {
            serving.add(i);
        }
        return serving;
    }
}
