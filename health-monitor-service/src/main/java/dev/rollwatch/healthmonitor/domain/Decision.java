package dev.rollwatch.healthmonitor.domain;

import dev.rollwatch.events.Evidence;
import dev.rollwatch.healthmonitor.domain.SequentialJudge.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the checks' outcomes into one verdict that says why, with its counts and statistics.
 *
 * @param verdict the verdict
 * @param shared  keys of the absolute checks whose breach both versions share: their evidence is
 *                dropped, since it says nothing about the new version
 */
record Decision(WindowVerdict verdict, List<String> shared) {

    static Decision of(Measurement m, SloPolicy policy, long samples, List<Outcome> outcomes) {
        List<Outcome> decisive =
                outcomes.stream().filter(o -> decides(o.check(), policy)).toList();
        List<Evidence> evidence = new ArrayList<>();
        List<Evidence> breaches = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        List<String> sharedKeys = new ArrayList<>();
        List<String> sharedText = new ArrayList<>();
        for (Outcome o : decisive) {
            Evidence e = evidence(m, o, samples, policy);
            if (Double.isFinite(o.check().observed())) {
                // A value the window could not measure (no histogram) is told in the reason instead.
                evidence.add(e);
            }
            if (o.alarm().isEmpty() || !o.material()) {
                continue;
            }
            if (o.check().comparison() == Evidence.Comparison.ABSOLUTE
                    && o.check().baselineOver()
                    && comparison(outcomes, o.check().metric())
                            .filter(Outcome::material)
                            .flatMap(Outcome::alarm)
                            .isEmpty()) {
                sharedKeys.add(o.check().key());
                sharedText.add(Describe.shared(o));
                continue;
            }
            breaches.add(e);
            broken.add(Describe.breach(o));
        }
        if (!breaches.isEmpty()) {
            return new Decision(
                    verdict(Verdict.DEGRADED, m, samples, evidence, breaches, String.join("; ", broken)), sharedKeys);
        }
        if (!sharedKeys.isEmpty()) {
            return new Decision(
                    verdict(
                            Verdict.UNKNOWN,
                            m,
                            samples,
                            evidence,
                            List.of(),
                            String.join("; ", sharedText)
                                    + ": a failure both versions share, not blamed on the new one"),
                    sharedKeys);
        }
        if (m.canary().requests() < policy.minRequestsPerWindow()) {
            return new Decision(
                    verdict(
                            Verdict.INSUFFICIENT_DATA,
                            m,
                            samples,
                            evidence,
                            List.of(),
                            String.format(
                                    Locale.ROOT,
                                    "%d canary requests in %s, fewer than the %d needed to judge",
                                    samples,
                                    policy.windowText(),
                                    policy.minRequestsPerWindow())),
                    sharedKeys);
        }
        List<Outcome> open = decisive.stream().filter(o -> !o.within()).toList();
        if (open.isEmpty()) {
            return new Decision(
                    verdict(
                            Verdict.HEALTHY,
                            m,
                            samples,
                            evidence,
                            List.of(),
                            "all SLOs met: "
                                    + String.join(
                                            "; ",
                                            decisive.stream()
                                                    .map(Describe::within)
                                                    .toList())),
                    sharedKeys);
        }
        return new Decision(
                verdict(
                        Verdict.INSUFFICIENT_DATA,
                        m,
                        samples,
                        evidence,
                        List.of(),
                        "not yet decided: "
                                + String.join(
                                        "; ",
                                        open.stream()
                                                .map(o -> Describe.open(o, policy))
                                                .toList())),
                sharedKeys);
    }

    /**
     * Absolute limits always decide; the comparisons with the stable version only when the release
     * (or the installation's defaults) set a regression ratio.
     */
    private static boolean decides(Check check, SloPolicy policy) {
        return check.comparison() == Evidence.Comparison.ABSOLUTE || policy.maxRegressionRatio() != null;
    }

    private static Optional<Outcome> comparison(List<Outcome> outcomes, Metric metric) {
        return outcomes.stream()
                .filter(o -> o.check().key().equals(Checks.relativeKey(metric)))
                .findFirst();
    }

    private static Evidence evidence(Measurement m, Outcome o, long samples, SloPolicy policy) {
        Check c = o.check();
        double observed = Double.isFinite(c.observed()) ? c.observed() : 0;
        return new Evidence(
                c.metric().key(),
                m.canary().query(c.metric()),
                policy.windowText(),
                m.windowStart(),
                m.windowEnd(),
                observed,
                c.baseline(),
                c.threshold(),
                c.comparison(),
                samples,
                o.statistic());
    }

    private static WindowVerdict verdict(
            Verdict verdict,
            Measurement m,
            long samples,
            List<Evidence> evidence,
            List<Evidence> breaches,
            String reason) {
        return new WindowVerdict(verdict, m.windowStart(), m.windowEnd(), samples, evidence, breaches, reason);
    }
}
