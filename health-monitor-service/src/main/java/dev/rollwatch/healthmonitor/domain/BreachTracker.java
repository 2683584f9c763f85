package dev.rollwatch.healthmonitor.domain;

import dev.rollwatch.events.validation.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns window verdicts into breaches and warnings.
 * <ul>
 * <li>DEGRADED verdicts (the judge's sequential test over its bound) count; the configured number in
 * a row is a breach, reported once. The run
 * goes on counting after that, but nothing more is published until a HEALTHY window ends it: the
 * rollback-service needs one decision per breach, not a stream of them.</li>
 * <li>UNKNOWN and INSUFFICIENT_DATA neither count nor break a run: they say nothing about the
 * version, so a source blip between two bad windows does not hide a breach, and never makes one.</li>
 * <li>A run of windows that cannot be judged raises one warning once it lasted long enough, and can
 * ask for a hold.</li>
 * </ul>
 */
public final class BreachTracker {

    private BreachTracker() {}

    public static Assessment assess(
            WatchProgress progress, WindowVerdict window, SloPolicy policy, WarningPolicy warnings) {
        return switch (window.verdict()) {
            case HEALTHY -> new Assessment(WatchProgress.START, Optional.empty(), Optional.empty());
            case DEGRADED -> degraded(progress, window, policy);
            case UNKNOWN, INSUFFICIENT_DATA -> unjudged(progress, window, warnings);
        };
    }

    private static Assessment degraded(WatchProgress progress, WindowVerdict window, SloPolicy policy) {
        int run = progress.consecutiveDegraded() + 1;
        Instant startedAt = progress.breachStartedAt() != null ? progress.breachStartedAt() : window.windowEnd();
        boolean breachNow = run >= policy.consecutiveFailures() && !progress.breachReported();
        WatchProgress next = new WatchProgress(run, startedAt, progress.breachReported() || breachNow, null, false);
        if (!breachNow) {
            return new Assessment(next, Optional.empty(), Optional.empty());
        }
        // The sequential test already weighed every request once; consecutive evaluations over its bound
        // are the confirmation a release asked for on top (consecutiveFailures).
        String summary =
                run > 1 ? window.reason() + "; over the bound at " + run + " evaluations in a row" : window.reason();
        return new Assessment(
                next, Optional.of(new Assessment.Breach(run, startedAt, window.breaches(), summary)), Optional.empty());
    }

    private static Assessment unjudged(WatchProgress progress, WindowVerdict window, WarningPolicy warnings) {
        Instant since = progress.unjudgedSince() != null ? progress.unjudgedSince() : window.windowEnd();
        Duration lasted = Duration.between(since, window.windowEnd());
        boolean warnNow = !progress.warningRaised() && lasted.compareTo(warnings.after(window.verdict())) >= 0;
        WatchProgress next = new WatchProgress(
                progress.consecutiveDegraded(),
                progress.breachStartedAt(),
                progress.breachReported(),
                since,
                progress.warningRaised() || warnNow);
        if (!warnNow) {
            return new Assessment(next, Optional.empty(), Optional.empty());
        }
        String what = window.verdict() == Verdict.UNKNOWN ? "could not be measured" : "had too little traffic to judge";
        String message = "the new version " + what + " for " + Durations.format(lasted) + ": " + window.reason();
        return new Assessment(
                next,
                Optional.empty(),
                Optional.of(new Assessment.Warning(
                        window.verdict(),
                        since,
                        truncate(message),
                        warnings.hold(window.verdict()),
                        warnings.rollBack())));
    }

    private static String truncate(String message) {
        return message.length() <= 1000 ? message : message.substring(0, 997) + "...";
    }
}
