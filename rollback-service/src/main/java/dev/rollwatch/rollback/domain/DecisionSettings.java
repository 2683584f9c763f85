package dev.rollwatch.rollback.domain;

import dev.rollwatch.events.RollbackPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * The configuration the decisions depend on.
 *
 * @param defaultPolicy        the policy of a release that names none (or whose request is unknown)
 * @param unknownReleaseGrace  how long a degraded signal for a release whose request was not consumed yet
 *                             waits for it before the default policy applies
 * @param decisionDeadline     manual policy: how long operators have before the recommendation rolls back
 * @param verificationDeadline how long each rollback attempt has to show a verified restore
 * @param checkInterval        how often the cluster is read while a restore is awaited
 * @param keepChecking         how long an unverified restore is still checked after the alert
 * @param readsCluster         whether restores are verified against the cluster, or only confirmed by the executor
 */
public record DecisionSettings(
        RollbackPolicy defaultPolicy,
        Duration unknownReleaseGrace,
        Duration decisionDeadline,
        Duration verificationDeadline,
        Duration checkInterval,
        Duration keepChecking,
        boolean readsCluster) {

    public DecisionSettings {
        Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        positive("unknownReleaseGrace", unknownReleaseGrace, true);
        positive("decisionDeadline", decisionDeadline, false);
        positive("verificationDeadline", verificationDeadline, false);
        positive("checkInterval", checkInterval, false);
        positive("keepChecking", keepChecking, true);
    }

    private static void positive(String name, Duration value, boolean zeroAllowed) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException(
                    name + " must be " + (zeroAllowed ? "zero or more" : "positive") + ", was " + value);
        }
    }
}
