package dev.rollwatch.benchmarks.judgement;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rollwatch.benchmarks.stats.Summary;
import dev.rollwatch.healthmonitor.domain.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's figures over all its runs. Times are milliseconds, from the canary's start or from
 * the moment it went bad (its onset: a regression's start, a crash, a drift crossing the limit).
 *
 * @param id                  the scenario's short name
 * @param name                what it is
 * @param kind                FALSE_ROLLBACK, DETECTION or DRIFT
 * @param setup               the simulated traffic and SLO
 * @param target              what it must show
 * @param status              the outcome against the target
 * @param runs                seeded runs
 * @param rollbacks           runs that reported a breach (a rollback)
 * @param rollbackRate        rollbacks / runs
 * @param rollbackRateUpper95 95% upper confidence bound of that rate
 * @param rollbackAtMs        when the rollbacks came, from the canary's start
 * @param withinTargetShare   share of runs rolled back within the detection target after the onset
 *                            (only with a detection target)
 * @param afterOnsetMs        rollback time minus the onset: the detection time (negative = before it;
 *                            detection and drift only)
 * @param beforeOnset         rollbacks before the onset, i.e. of a canary still good (detection and
 *                            drift only)
 * @param verdicts            evaluations by verdict
 * @param evaluations         evaluations in all runs (a run stops at its rollback)
 * @param runsWarned          runs in which the monitor warned that it could not judge (UNKNOWN or
 *                            INSUFFICIENT_DATA for too long)
 * @param firstWarningMs      when those warnings came
 * @param exampleBreach       the breach summary of the first run rolled back, or null
 * @param breachCauses        the rollbacks by cause (the checks in the breach and the charts that decided
 *                            them, {@link BreachCause}), most frequent first; empty without rollbacks
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScenarioResult(
        String id,
        String name,
        Scenario.Kind kind,
        String setup,
        String target,
        Target.Status status,
        int runs,
        int rollbacks,
        double rollbackRate,
        double rollbackRateUpper95,
        Summary rollbackAtMs,
        Double withinTargetShare,
        Summary afterOnsetMs,
        Integer beforeOnset,
        Map<Verdict, Long> verdicts,
        long evaluations,
        int runsWarned,
        Summary firstWarningMs,
        String exampleBreach,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Cause> breachCauses) {

    public ScenarioResult {
        breachCauses = breachCauses == null ? List.of() : List.copyOf(breachCauses);
    }

    /**
     * The rollbacks of one cause.
     *
     * @param cause     the checks in the breach with the alternative that crossed the bound, e.g.
     *                  {@code errorRate:relative (4x)}
     * @param rollbacks runs rolled back for it
     * @param example   the breach summary of the first of them
     */
    public record Cause(String cause, int rollbacks, String example) {}

    private static final int SUMMARY_CHARS = 400;

    static ScenarioResult of(Scenario scenario, List<RunOutcome> outcomes) {
        int runs = outcomes.size();
        List<Double> rollbackAt = new ArrayList<>();
        List<Double> afterOnset = new ArrayList<>();
        List<Double> warnings = new ArrayList<>();
        long[] verdicts = new long[Verdict.values().length];
        int within = 0;
        int before = 0;
        String example = null;
        Map<String, Cause> causes = new LinkedHashMap<>();
        Target target = scenario.target();
        for (RunOutcome o : outcomes) {
            for (int v = 0; v < verdicts.length; v++) {
                verdicts[v] += o.verdicts()[v];
            }
            if (o.warningSecond() >= 0) {
                warnings.add(o.warningSecond() * 1000.0);
            }
            if (!o.rolledBack()) {
                continue;
            }
            rollbackAt.add(o.rollbackSecond() * 1000.0);
            double sinceOnset = o.rollbackSecond() - scenario.onsetSecond();
            if (sinceOnset >= 0 && sinceOnset <= target.detectWithinSeconds()) {
                within++;
            }
            if (!Double.isNaN(sinceOnset)) {
                afterOnset.add(sinceOnset * 1000);
                before += sinceOnset < 0 ? 1 : 0;
            }
            if (example == null) {
                example = shortened(o.breach());
            }
            String cause = o.cause() == null ? "unknown" : o.cause();
            causes.merge(
                    cause,
                    new Cause(cause, 1, shortened(o.breach())),
                    (was, one) -> new Cause(was.cause(), was.rollbacks() + 1, was.example()));
        }
        long evaluations = 0;
        Map<Verdict, Long> mix = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            mix.put(v, verdicts[v.ordinal()]);
            evaluations += verdicts[v.ordinal()];
        }
        int rollbacks = rollbackAt.size();
        double upper = RateBound.upper95(rollbacks, runs);
        double withinShare = runs == 0 ? 0 : (double) within / runs;
        double mostly = target.mostly() == null || evaluations == 0
                ? Double.NaN
                : (double) mix.get(target.mostly()) / evaluations;
        boolean detectionTarget = !Double.isNaN(target.detectWithinSeconds());
        boolean onset = !Double.isNaN(scenario.onsetSecond());
        return new ScenarioResult(
                scenario.id(),
                scenario.name(),
                scenario.kind(),
                scenario.setup(),
                target.text(),
                target.status(rollbacks, runs, upper, withinShare, mostly),
                runs,
                rollbacks,
                runs == 0 ? 0 : (double) rollbacks / runs,
                upper,
                Summary.of(rollbackAt),
                detectionTarget ? withinShare : null,
                onset ? Summary.of(afterOnset) : null,
                onset ? before : null,
                mix,
                evaluations,
                warnings.size(),
                Summary.of(warnings),
                example,
                causes.values().stream()
                        .sorted(Comparator.comparingInt(Cause::rollbacks).reversed())
                        .toList());
    }

    private static String shortened(String summary) {
        return summary == null || summary.length() <= SUMMARY_CHARS
                ? summary
                : summary.substring(0, SUMMARY_CHARS - 3) + "...";
    }

    /** Share of the evaluations that ended in {@code verdict}. */
    public double share(Verdict verdict) {
        return evaluations == 0 ? 0 : (double) verdicts.getOrDefault(verdict, 0L) / evaluations;
    }
}
