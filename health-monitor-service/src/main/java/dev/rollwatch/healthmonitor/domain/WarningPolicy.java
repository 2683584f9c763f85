package dev.rollwatch.healthmonitor.domain;

import java.time.Duration;

/**
 * When a release that cannot be judged deserves a warning, and whether the monitor then asks the
 * executor to hold the rollout. Advancing a canary nobody can see is how bad versions reach 100%.
 *
 * @param unknownAfter           UNKNOWN this long raises a warning
 * @param insufficientDataAfter  INSUFFICIENT_DATA this long raises a warning
 * @param holdOnUnknown          ask for a pause with an UNKNOWN warning
 * @param holdOnInsufficientData ask for a pause with an INSUFFICIENT_DATA warning
 * @param rollBack               the release chose {@code whenUnjudged: rollback}: the warning aborts it
 *                               instead, whichever verdict it is about
 */
public record WarningPolicy(
        Duration unknownAfter,
        Duration insufficientDataAfter,
        boolean holdOnUnknown,
        boolean holdOnInsufficientData,
        boolean rollBack) {

    /** The installation's policy, for a release that asks to be rolled back when it cannot be judged. */
    public WarningPolicy rollingBack() {
        return new WarningPolicy(unknownAfter, insufficientDataAfter, holdOnUnknown, holdOnInsufficientData, true);
    }

    Duration after(Verdict verdict) {
        return verdict == Verdict.UNKNOWN ? unknownAfter : insufficientDataAfter;
    }

    boolean hold(Verdict verdict) {
        return verdict == Verdict.UNKNOWN ? holdOnUnknown : holdOnInsufficientData;
    }
}
