package dev.rollwatch.release.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.ReleaseState;
import dev.rollwatch.release.domain.DoraCalculator.FinishedRelease;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoraCalculatorTest {

    private static final Instant TO = Instant.parse("2026-11-21T00:00:00Z");
    private static final Instant FROM = TO.minus(Duration.ofDays(10));

    private static FinishedRelease succeeded(Instant finished, Duration leadTime) {
        return new FinishedRelease(ReleaseState.SUCCEEDED, finished.minus(leadTime), null, finished);
    }

    private static FinishedRelease rolledBack(Instant finished, Duration restore) {
        return new FinishedRelease(ReleaseState.ROLLED_BACK, null, finished.minus(restore), finished);
    }

    @Test
    void computesTheFourFiguresOverThePeriod() {
        Instant day = TO.minus(Duration.ofDays(1));
        DoraReport report = DoraCalculator.calculate(
                "checkout",
                FROM,
                TO,
                List.of(
                        succeeded(day, Duration.ofHours(1)),
                        succeeded(day, Duration.ofHours(2)),
                        succeeded(day, Duration.ofHours(3)),
                        succeeded(day, Duration.ofHours(10)),
                        rolledBack(day, Duration.ofMinutes(2)),
                        new FinishedRelease(ReleaseState.FAILED, null, null, day)));

        assertThat(report.releases()).isEqualTo(6);
        assertThat(report.deployments()).isEqualTo(4);
        assertThat(report.deploymentsPerDay()).isEqualTo(0.4);
        assertThat(report.leadTimeMedian()).isEqualTo(Duration.ofMinutes(150));
        assertThat(report.changeFailureRate()).isEqualTo(1.0 / 6);
        assertThat(report.rolledBack()).isEqualTo(1);
        assertThat(report.timeToRestoreMedian()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void releasesOutsideThePeriodDoNotCount() {
        DoraReport report = DoraCalculator.calculate(
                "checkout",
                FROM,
                TO,
                List.of(succeeded(FROM.minusSeconds(1), Duration.ofHours(1)), succeeded(TO, Duration.ofHours(1))));

        assertThat(report.releases()).isZero();
        assertThat(report.changeFailureRate()).isNull();
        assertThat(report.leadTimeMedian()).isNull();
    }

    @Test
    void releasesWithoutACommitTimeHaveNoLeadTime() {
        DoraReport report = DoraCalculator.calculate(
                "checkout",
                FROM,
                TO,
                List.of(new FinishedRelease(ReleaseState.SUCCEEDED, null, null, TO.minusSeconds(60))));

        assertThat(report.deployments()).isEqualTo(1);
        assertThat(report.leadTimeMedian()).isNull();
    }
}
