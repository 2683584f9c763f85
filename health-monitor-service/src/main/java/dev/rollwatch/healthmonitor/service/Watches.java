package dev.rollwatch.healthmonitor.service;

import dev.rollwatch.events.Slo;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.healthmonitor.domain.JudgeState;
import dev.rollwatch.healthmonitor.domain.SloPolicy;
import dev.rollwatch.healthmonitor.domain.WatchProgress;
import dev.rollwatch.healthmonitor.domain.WatchState;
import dev.rollwatch.healthmonitor.domain.pods.PodPolicy;
import dev.rollwatch.healthmonitor.persistence.WatchEntity;
import dev.rollwatch.healthmonitor.source.WatchTarget;
import java.time.Duration;

/** Translates between the watch row and the domain's values. */
final class Watches {

    private Watches() {}

    static SloPolicy policy(WatchEntity w) {
        return new SloPolicy(
                w.maxErrorRate,
                w.maxP95LatencyMs,
                w.maxP99LatencyMs,
                w.maxRegressionRatio,
                w.minRequests,
                Duration.ofMillis(w.intervalMs),
                Duration.ofMillis(w.windowMs),
                w.consecutiveFailures,
                w.minErrorRateIncrease,
                w.minLatencyIncreaseMs);
    }

    static void setPolicy(WatchEntity w, SloPolicy p) {
        w.maxErrorRate = p.maxErrorRate();
        w.maxP95LatencyMs = p.maxP95LatencyMs();
        w.maxP99LatencyMs = p.maxP99LatencyMs();
        w.maxRegressionRatio = p.maxRegressionRatio();
        w.minRequests = p.minRequestsPerWindow();
        w.intervalMs = p.interval().toMillis();
        w.windowMs = p.window().toMillis();
        w.consecutiveFailures = p.consecutiveFailures();
        w.minErrorRateIncrease = p.minErrorRateIncrease();
        w.minLatencyIncreaseMs = p.minLatencyIncreaseMs();
    }

    static void setPods(WatchEntity w, PodPolicy p) {
        w.podMaxFailures = p.maxFailures();
        w.podFailureWindowMs = p.window().toMillis();
    }

    /** The watch's pod-health limits, or null for a watch stored before releases could set them. */
    static PodPolicy pods(WatchEntity w) {
        return w.podMaxFailures == null || w.podFailureWindowMs == null
                ? null
                : new PodPolicy(w.podMaxFailures, Duration.ofMillis(w.podFailureWindowMs));
    }

    static WatchProgress progress(WatchEntity w) {
        return new WatchProgress(
                w.consecutiveDegraded, w.breachStartedAt, w.breachReported, w.unjudgedSince, w.warningRaised);
    }

    static void setProgress(WatchEntity w, WatchProgress p) {
        w.consecutiveDegraded = p.consecutiveDegraded();
        w.breachStartedAt = p.breachStartedAt();
        w.breachReported = p.breachReported();
        w.unjudgedSince = p.unjudgedSince();
        w.warningRaised = p.warningRaised();
    }

    static Slo.MetricSource source(WatchEntity w) {
        return w.source == null ? null : EventJson.read(w.source, Slo.MetricSource.class);
    }

    static JudgeState judgeState(WatchEntity w) {
        return w.judgeState == null ? JudgeState.START : EventJson.read(w.judgeState, JudgeState.class);
    }

    /** What the evaluator needs, detached from the session that loaded it. */
    static Claimed claimed(WatchEntity w) {
        JudgeState state = judgeState(w);
        // Counted from where the judge last counted, not from the last verdict: an UNKNOWN window counts
        // nothing, and its requests belong to the next window that can be measured.
        return new Claimed(
                new WatchTarget(
                        w.releaseId,
                        w.application,
                        w.namespace,
                        w.version,
                        w.strategy,
                        source(w),
                        policy(w),
                        state.countedUntil()),
                w.sourceType,
                state,
                w.canaryWeight == null ? 0 : w.canaryWeight,
                w.state == WatchState.WAITING_FOR_TRAFFIC,
                pods(w));
    }

    /**
     * A watch claimed for one evaluation.
     *
     * @param target       what to measure (and since when it was judged)
     * @param sourceType   which source measures it
     * @param judgeState   the evidence gathered so far
     * @param canaryWeight the new version's current weight, its step
     * @param preSwitch    whether the new version takes no traffic yet and the previous version is
     *                     measured as its baseline, rather than the new version judged
     * @param pods         the release's pod-health limits, or null for the installation's
     */
    record Claimed(
            WatchTarget target,
            String sourceType,
            JudgeState judgeState,
            int canaryWeight,
            boolean preSwitch,
            PodPolicy pods) {}
}
