package dev.rollwatch.executor.domain;

import java.time.Instant;

/**
 * What the executor knows of the health monitor's verdicts on a release: the latest weight its new
 * version was judged HEALTHY at, and since when the exposure in force holds. No step that gives a
 * watched release's new version more traffic, or makes it permanent, starts before a verdict for the
 * exposure in force: a timer alone never promotes a version nobody judged.
 *
 * @param passedWeight the canary weight of the latest {@code health.passed}, or null
 * @param passedAt     when it arrived (the executor's clock, like {@code exposedAt})
 * @param exposedAt    when the new version's current exposure began (its weight changed, or the
 *                     rolling update finished), or null before any
 */
public record Verdicts(Integer passedWeight, Instant passedAt, Instant exposedAt) {

    public static final Verdicts NONE = new Verdicts(null, null, null);

    /** The new version's exposure changed: earlier verdicts no longer hold. */
    public Verdicts exposed(Instant now) {
        return new Verdicts(passedWeight, passedAt, now);
    }

    /** The new version was judged HEALTHY at {@code weight} (or an operator waived the verdict). */
    public Verdicts passed(int weight, Instant now) {
        return new Verdicts(weight, now, exposedAt);
    }

    /** Whether a verdict holds for the exposure in force (the weight the health monitor sees), given after it began. */
    public boolean healthyAt(int weight) {
        return passedWeight != null
                && passedWeight == weight
                && (exposedAt == null || passedAt == null || !passedAt.isBefore(exposedAt));
    }
}
