package dev.rollwatch.benchmarks.judgement;

import dev.rollwatch.benchmarks.stats.Summary;
import dev.rollwatch.healthmonitor.domain.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** The judgement part of {@code results/<timestamp>.md}, also what the harness prints. */
public final class JudgementMarkdown {

    private JudgementMarkdown() {}

    public static String render(JudgementResults r) {
        StringBuilder md = new StringBuilder("## Judgement: the health monitor's judge on synthetic series\n\n");
        md.append(r.setup()).append(".\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%d evaluations in %.0f s on %d threads (%.0f per second with the "
                        + "simulation); the judge and breach tracker alone took %.1f µs per evaluation. Seed %d, "
                        + "--judgement-runs %d. A rate target is MET when its 95%% upper confidence bound (exact, "
                        + "Clopper-Pearson) is under it, INCONCLUSIVE when only the estimate is; a detection target when "
                        + "95%% of the runs detect within it.%n%n",
                r.evaluations(),
                r.seconds(),
                r.threads(),
                r.evaluationsPerSecond(),
                r.judgeMicrosPerEvaluation(),
                r.seed(),
                r.baseRuns()));
        int all = Scenarios.all().size();
        if (r.scenarios().size() < all) {
            md.append(String.format(
                    Locale.ROOT,
                    "Only %d of the %d scenarios were run (--judgement-scenarios %s).%n%n",
                    r.scenarios().size(),
                    all,
                    String.join(
                            ",", r.scenarios().stream().map(ScenarioResult::id).toList())));
        }
        falseRollbacks(md, select(r, Scenario.Kind.FALSE_ROLLBACK));
        detections(md, select(r, Scenario.Kind.DETECTION));
        drifts(md, select(r, Scenario.Kind.DRIFT));
        verdictMix(md, r.scenarios());
        setups(md, r.scenarios());
        r.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        md.append('\n');
        return md.toString();
    }

    private static void falseRollbacks(StringBuilder md, List<ScenarioResult> results) {
        if (results.isEmpty()) {
            return;
        }
        md.append("### Canaries that should not be rolled back\n\n| # | scenario | runs | rolled back | rate "
                + "| 95% upper bound | target | status |\n|---|---|---|---|---|---|---|---|\n");
        for (ScenarioResult s : results) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %d | %s | %s | %s | **%s** |%n",
                    s.id(),
                    s.name(),
                    s.runs(),
                    s.rollbacks(),
                    percent(s.rollbackRate()),
                    percent(s.rollbackRateUpper95()),
                    s.target(),
                    s.status().text()));
        }
        md.append('\n');
        causes(md, results.stream().filter(s -> s.rollbacks() > 0).toList());
    }

    /** Why the canaries that should not have been rolled back were: the checks that convicted them. */
    private static void causes(StringBuilder md, List<ScenarioResult> rolledBack) {
        if (rolledBack.isEmpty()) {
            return;
        }
        md.append("Why they were rolled back: the checks in each breach (`errorRate`, `latencyP95`: the absolute "
                + "limits; `errorRate:relative`: the new version's share of both versions' failures against the "
                + "regression ratio; `latencyP95:relative`; `podFailures`: the pod policy), with the alternative of the "
                + "sequential test that crossed the bound in multiples of the odds of the limit (or of the share the "
                + "allowed ratio gives), and the first such breach.\n\n| # | cause | rollbacks | first of them |\n"
                + "|---|---|---|---|\n");
        for (ScenarioResult s : rolledBack) {
            for (ScenarioResult.Cause c : s.breachCauses()) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %d of %d | %s |%n",
                        s.id(),
                        c.cause(),
                        c.rollbacks(),
                        s.rollbacks(),
                        c.example().replace("|", "\\|")));
            }
        }
        md.append('\n');
    }

    private static void detections(StringBuilder md, List<ScenarioResult> results) {
        if (results.isEmpty()) {
            return;
        }
        md.append("### Canaries that go bad: time from the onset to the rollback\n\n| # | scenario | runs | detected "
                + "| median | p90 | p95 | max | within target | target | status |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScenarioResult s : results) {
            Summary d = s.afterOnsetMs();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | **%s** |%n",
                    s.id(),
                    s.name(),
                    s.runs(),
                    percent(s.rollbackRate()),
                    seconds(d.median()),
                    seconds(d.p90()),
                    seconds(d.p95()),
                    seconds(d.max()),
                    percent(s.withinTargetShare()),
                    s.target(),
                    s.status().text()));
        }
        md.append("\nTimes are from the onset (the canary's first second for a regression from the start, the crash "
                + "for crashing pods) to the evaluation that reported the breach; evaluations are 1 s apart and the "
                + "first one only takes the first scrape. Percentiles are over the runs detected; \"detected\" and "
                + "\"within target\" are shares of all runs.\n\n");
    }

    private static void drifts(StringBuilder md, List<ScenarioResult> results) {
        if (results.isEmpty()) {
            return;
        }
        md.append("### Slow drift: rollback against the moment the true error rate crossed the limit\n\n| # | scenario "
                + "| runs | rolled back | before the crossing | median | p90 | p95 | max | status |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScenarioResult s : results) {
            Summary d = s.afterOnsetMs();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %s | %d (%s) | %s | %s | %s | %s | %s |%n",
                    s.id(),
                    s.name(),
                    s.runs(),
                    percent(s.rollbackRate()),
                    s.beforeOnset(),
                    percent(s.runs() == 0 ? 0 : (double) s.beforeOnset() / s.runs()),
                    signed(d.median()),
                    signed(d.p90()),
                    signed(d.p95()),
                    signed(d.max()),
                    s.status().text()));
        }
        md.append("\nTimes are after the crossing (negative: before it, a rollback of a canary still within its "
                + "limit).\n\n");
    }

    private static void verdictMix(StringBuilder md, List<ScenarioResult> results) {
        md.append("### Verdict mix\n\nShare of all evaluations of the scenario's runs (a run stops at its "
                + "rollback).\n\n"
                + "| # | scenario | evaluations | HEALTHY | DEGRADED | INSUFFICIENT_DATA | UNKNOWN | runs warned "
                + "(first warning, median) |\n|---|---|---|---|---|---|---|---|\n");
        for (ScenarioResult s : results) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %s | %s | %s | %s | %d%s |%n",
                    s.id(),
                    s.name(),
                    s.evaluations(),
                    percent(s.share(Verdict.HEALTHY)),
                    percent(s.share(Verdict.DEGRADED)),
                    percent(s.share(Verdict.INSUFFICIENT_DATA)),
                    percent(s.share(Verdict.UNKNOWN)),
                    s.runsWarned(),
                    s.runsWarned() == 0 ? "" : " (" + seconds(s.firstWarningMs().median()) + ")"));
        }
        md.append('\n');
    }

    private static void setups(StringBuilder md, List<ScenarioResult> results) {
        md.append("Scenarios:\n\n");
        for (ScenarioResult s : results) {
            md.append("- ")
                    .append(s.id())
                    .append(", ")
                    .append(s.name())
                    .append(": ")
                    .append(s.setup())
                    .append('.');
            if (s.exampleBreach() != null) {
                md.append(" First rollback: ").append(s.exampleBreach()).append('.');
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static List<ScenarioResult> select(JudgementResults r, Scenario.Kind kind) {
        Predicate<ScenarioResult> of = s -> s.kind() == kind;
        return r.scenarios().stream().filter(of).toList();
    }

    /** A share as a percentage, with more digits where small shares are the point. */
    static String percent(Double share) {
        if (share == null || share.isNaN()) {
            return "–";
        }
        if (share == 0) {
            return "0%";
        }
        double pct = share * 100;
        return pct >= 10
                ? String.format(Locale.ROOT, "%.1f%%", pct)
                : pct >= 1 ? String.format(Locale.ROOT, "%.2f%%", pct) : String.format(Locale.ROOT, "%.3g%%", pct);
    }

    /** Milliseconds as seconds, "–" when there were none. */
    static String seconds(Double ms) {
        return ms == null ? "–" : String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }

    private static String signed(Double ms) {
        return ms == null ? "–" : String.format(Locale.ROOT, "%+.0f s", ms / 1000);
    }
}
