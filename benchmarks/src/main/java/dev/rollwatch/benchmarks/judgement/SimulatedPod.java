package dev.rollwatch.benchmarks.judgement;

import dev.rollwatch.healthmonitor.source.scrape.HttpTraffic;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One endpoint of a track: the HTTP server counters a pod exposes on {@code /metrics}. They only
 * grow, except when the pod restarts and they start again from zero, which is what the scrape
 * source has to see through.
 */
final class SimulatedPod {

    private long requests;
    private long errors;
    /** Requests per bucket (not cumulative), the last one for +Inf. */
    private final long[] perBucket = new long[LatencyModel.BOUNDS_SECONDS.length + 1];

    /**
     * Serves the requests of one span, each failing with {@code errorRate} and landing in a latency
     * bucket drawn from {@code latencyCumulative}; errors and latency are independent.
     *
     * @return the requests served
     */
    int serve(SplittableRandom random, double expectedRequests, double errorRate, double[] latencyCumulative) {
        int n = Sampling.poisson(random, expectedRequests);
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < errorRate) {
                errors++;
            }
            perBucket[LatencyModel.bucket(latencyCumulative, random)]++;
        }
        requests += n;
        return n;
    }

    /** Turns one request already served into a failure: a single error injected on purpose. */
    void failOneServed() {
        if (errors < requests) {
            errors++;
        }
    }

    /** The process restarted: every counter is back to zero. */
    void restart() {
        requests = 0;
        errors = 0;
        java.util.Arrays.fill(perBucket, 0);
    }

    /** What a scrape reads now: cumulative counters, buckets in seconds with +Inf, as Micrometer exposes them. */
    HttpTraffic counters() {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        long cumulative = 0;
        for (int i = 0; i < LatencyModel.BOUNDS_SECONDS.length; i++) {
            cumulative += perBucket[i];
            buckets.put(LatencyModel.BOUNDS_SECONDS[i], (double) cumulative);
        }
        buckets.put(Double.POSITIVE_INFINITY, (double) (cumulative + perBucket[perBucket.length - 1]));
        return new HttpTraffic(requests, errors, buckets);
    }
}
