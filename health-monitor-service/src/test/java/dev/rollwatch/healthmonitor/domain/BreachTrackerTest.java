package dev.rollwatch.healthmonitor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Evidence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreachTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");
    private static final SloPolicy POLICY = Measurements.policy();
    private static final WarningPolicy WARNINGS =
            new WarningPolicy(Duration.ofMinutes(2), Duration.ofMinutes(10), true, false, false);
    private static final Evidence ERRORS =
            new Evidence("errorRate", "q", "1m", T0, T0, 0.2, null, 0.05, Evidence.Comparison.ABSOLUTE, 500);

    /** Feeds one verdict per 10 s interval and keeps what was announced. */
    private static final class Run {
        WarningPolicy policy = WARNINGS;
        WatchProgress progress = WatchProgress.START;
        Instant at = T0;
        final List<Assessment.Breach> breaches = new ArrayList<>();
        final List<Assessment.Warning> warnings = new ArrayList<>();

        Run feed(Verdict... verdicts) {
            for (Verdict verdict : verdicts) {
                at = at.plusSeconds(10);
                List<Evidence> breached = verdict == Verdict.DEGRADED ? List.of(ERRORS) : List.of();
                WindowVerdict window = new WindowVerdict(
                        verdict,
                        at.minusSeconds(60),
                        at,
                        500,
                        breached,
                        breached,
                        verdict == Verdict.DEGRADED ? "error rate 20% > 5%" : "Prometheus down");
                Assessment a = BreachTracker.assess(progress, window, POLICY, policy);
                progress = a.progress();
                a.breach().ifPresent(breaches::add);
                a.warning().ifPresent(warnings::add);
            }
            return this;
        }
    }

    @Test
    void rollsBackWhenErrorRateBreachesForThreeWindows() {
        Run run = new Run().feed(Verdict.DEGRADED, Verdict.DEGRADED);
        assertThat(run.breaches).isEmpty();

        run.feed(Verdict.DEGRADED);

        assertThat(run.breaches).singleElement().satisfies(b -> {
            assertThat(b.consecutiveWindows()).isEqualTo(3);
            assertThat(b.startedAt()).isEqualTo(T0.plusSeconds(10));
            assertThat(b.evidence()).containsExactly(ERRORS);
            assertThat(b.summary()).isEqualTo("error rate 20% > 5%; over the bound at 3 evaluations in a row");
        });
    }

    @Test
    void aHealthyWindowBreaksTheRun() {
        Run run =
                new Run().feed(Verdict.DEGRADED, Verdict.DEGRADED, Verdict.HEALTHY, Verdict.DEGRADED, Verdict.DEGRADED);

        assertThat(run.breaches).isEmpty();
        assertThat(run.progress.consecutiveDegraded()).isEqualTo(2);
    }

    @Test
    void aBreachIsReportedOnceHoweverLongItLasts() {
        Run run = new Run()
                .feed(
                        Verdict.DEGRADED,
                        Verdict.DEGRADED,
                        Verdict.DEGRADED,
                        Verdict.DEGRADED,
                        Verdict.DEGRADED,
                        Verdict.DEGRADED,
                        Verdict.DEGRADED);

        assertThat(run.breaches).hasSize(1);
        assertThat(run.progress.consecutiveDegraded()).isEqualTo(7);
    }

    @Test
    void aVersionThatRecoveredAndBreachedAgainIsReportedAgain() {
        Run run = new Run()
                .feed(
                        Verdict.DEGRADED,
                        Verdict.DEGRADED,
                        Verdict.DEGRADED,
                        Verdict.HEALTHY,
                        Verdict.DEGRADED,
                        Verdict.DEGRADED,
                        Verdict.DEGRADED);

        assertThat(run.breaches).hasSize(2);
        assertThat(run.breaches.get(1).startedAt()).isEqualTo(T0.plusSeconds(50));
    }

    @Test
    void unknownAndInsufficientWindowsNeitherCountNorBreakARun() {
        Run run = new Run().feed(Verdict.DEGRADED, Verdict.UNKNOWN, Verdict.DEGRADED, Verdict.INSUFFICIENT_DATA);
        assertThat(run.breaches).isEmpty();

        run.feed(Verdict.DEGRADED);

        assertThat(run.breaches)
                .singleElement()
                .satisfies(b -> assertThat(b.consecutiveWindows()).isEqualTo(3));
    }

    @Test
    void unknownNeverRollsBackButWarnsAndAsksForAHoldAfterTwoMinutes() {
        Run run = new Run();
        for (int i = 0; i < 12; i++) {
            run.feed(Verdict.UNKNOWN);
        }
        // The run started at the end of the first window (T0+10s); 12 windows later it lasted 110 s.
        assertThat(run.warnings).isEmpty();

        run.feed(Verdict.UNKNOWN, Verdict.UNKNOWN, Verdict.UNKNOWN);

        assertThat(run.breaches).isEmpty();
        assertThat(run.warnings).singleElement().satisfies(w -> {
            assertThat(w.verdict()).isEqualTo(Verdict.UNKNOWN);
            assertThat(w.since()).isEqualTo(T0.plusSeconds(10));
            assertThat(w.hold()).isTrue();
            assertThat(w.message()).isEqualTo("the new version could not be measured for 2m: Prometheus down");
        });
    }

    @Test
    void longInsufficientDataWarnsWithoutAHoldByDefault() {
        Run run = new Run();
        for (int i = 0; i < 70; i++) {
            run.feed(Verdict.INSUFFICIENT_DATA);
        }

        assertThat(run.warnings).singleElement().satisfies(w -> {
            assertThat(w.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
            assertThat(w.hold()).isFalse();
        });
    }

    @Test
    void aReleaseThatChoseRollbackIsAbortedByItsWarningInsteadOfHeld() {
        Run run = new Run();
        run.policy = WARNINGS.rollingBack();
        for (int i = 0; i < 70; i++) {
            run.feed(Verdict.INSUFFICIENT_DATA);
        }

        assertThat(run.breaches)
                .as("not a breach: nothing was found wrong with the version")
                .isEmpty();
        assertThat(run.warnings).singleElement().satisfies(w -> {
            assertThat(w.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
            assertThat(w.rollBack()).isTrue();
            assertThat(w.message()).startsWith("the new version had too little traffic to judge for 10m");
        });
    }

    @Test
    void aJudgedWindowEndsTheUnjudgedRunSoTheNextOneWarnsAgain() {
        Run run = new Run();
        for (int i = 0; i < 13; i++) {
            run.feed(Verdict.UNKNOWN);
        }
        run.feed(Verdict.HEALTHY);
        for (int i = 0; i < 13; i++) {
            run.feed(Verdict.UNKNOWN);
        }

        assertThat(run.warnings).hasSize(2);
    }
}
