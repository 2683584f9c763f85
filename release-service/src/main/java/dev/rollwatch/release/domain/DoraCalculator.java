package dev.rollwatch.release.domain;

import dev.rollwatch.events.ReleaseState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Computes DORA figures from finished releases:
 * <ul>
 * <li>deployment frequency: successful releases per day;</li>
 * <li>lead time for changes: commit time (as CI reported it) to success;</li>
 * <li>change failure rate: rolled-back releases over all finished ones (failed and aborted releases
 * count as finished; a step that failed before users saw it is not a change failure);</li>
 * <li>time to restore: first {@code health.degraded} to the completed rollback.</li>
 * </ul>
 */
public final class DoraCalculator {

    private DoraCalculator() {}

    /**
     * What the calculation needs of one finished release.
     *
     * @param state      terminal state
     * @param commitTime commit time CI sent, if any
     * @param degradedAt first degradation, if any
     * @param finishedAt when it reached its terminal state
     */
    public record FinishedRelease(ReleaseState state, Instant commitTime, Instant degradedAt, Instant finishedAt) {}

    public static DoraReport calculate(String application, Instant from, Instant to, List<FinishedRelease> releases) {
        List<FinishedRelease> inPeriod = releases.stream()
                .filter(r -> r.state().isTerminal() && r.finishedAt() != null)
                .filter(r -> !r.finishedAt().isBefore(from) && r.finishedAt().isBefore(to))
                .toList();
        List<FinishedRelease> succeeded = inPeriod.stream()
                .filter(r -> r.state() == ReleaseState.SUCCEEDED)
                .toList();
        List<FinishedRelease> rolledBack = inPeriod.stream()
                .filter(r -> r.state() == ReleaseState.ROLLED_BACK)
                .toList();

        double days = Math.max(Duration.between(from, to).toMillis() / 86_400_000.0, 1.0 / 24);
        double[] leadTimes = succeeded.stream()
                .filter(r -> r.commitTime() != null && !r.commitTime().isAfter(r.finishedAt()))
                .mapToDouble(
                        r -> Duration.between(r.commitTime(), r.finishedAt()).toMillis())
                .toArray();
        double[] restoreTimes = rolledBack.stream()
                .filter(r -> r.degradedAt() != null && !r.degradedAt().isAfter(r.finishedAt()))
                .mapToDouble(
                        r -> Duration.between(r.degradedAt(), r.finishedAt()).toMillis())
                .toArray();
        Double failureRate = inPeriod.isEmpty() ? null : (double) rolledBack.size() / inPeriod.size();

        return new DoraReport(
                application,
                from,
                to,
                inPeriod.size(),
                succeeded.size(),
                succeeded.size() / days,
                percentile(leadTimes, 50),
                percentile(leadTimes, 90),
                failureRate,
                rolledBack.size(),
                percentile(restoreTimes, 50),
                percentile(restoreTimes, 90));
    }

    private static Duration percentile(double[] millis, double p) {
        if (millis.length == 0) {
            return null;
        }
        Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        return Duration.ofMillis(Math.round(Objects.requireNonNull(percentile.evaluate(millis, p))));
    }
}
