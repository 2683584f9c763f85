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
 */
public record WarningPolicy(Duration unknownAfter, Duration insufficientDataAfter, boolean holdOnUnknown,
        boolean holdOnInsufficientData) {

    Duration after(Verdict verdict) {
        return verdict == Verdict.UNKNOWN ? unknownAfter : insufficientDataAfter;
    }

    boolean hold(Verdict verdict) {
        return verdict == Verdict.UNKNOWN ? holdOnUnknown : holdOnInsufficientData;
    }
}
