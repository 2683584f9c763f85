package dev.rollwatch.healthmonitor.domain;

import dev.rollwatch.healthmonitor.domain.pods.PodHistory;
import dev.rollwatch.healthmonitor.domain.statistics.Cusum;
import java.time.Instant;
import java.util.Map;

/**
 * What the judge carries from one evaluation to the next: for each check, its sequential test and
 * the counts of the current step. Stored with the watch, so whichever instance evaluates next goes on
 * with the same evidence, and no request is counted twice.
 *
 * @param stepWeight the canary weight the step counts belong to; a new weight starts a new step,
 *                   because a version is judged healthy at the step it is at
 * @param checks     by check key ({@code errorRate}, {@code latencyP95:relative}, ...)
 * @param pods       what was seen of the new version's pods, and their failures within the window
 * @param countedUntil end of the last window whose traffic the checks counted, or null: the next
 *                   evaluation counts what came after it. A window that could not be measured counts
 *                   nothing, so its requests wait for the next one instead of being lost.
 * @param preSwitch  the previous version before a blue-green switch or rolling update, or null: the
 *                   baseline of a strategy with no stable version beside the new one
 */
public record JudgeState(
        Integer stepWeight,
        Map<String, CheckState> checks,
        PodHistory pods,
        Instant countedUntil,
        PreSwitchBaseline preSwitch) {

    public static final JudgeState START = new JudgeState(null, Map.of(), PodHistory.EMPTY, null, null);

    public JudgeState {
        checks = Map.copyOf(checks);
        pods = pods == null ? PodHistory.EMPTY : pods;
    }

    JudgeState withPods(PodHistory history) {
        return new JudgeState(stepWeight, checks, history, countedUntil, preSwitch);
    }

    /** The previous version measured again before the switch: the newest measurement is the baseline. */
    public JudgeState withPreSwitch(PreSwitchBaseline baseline) {
        return new JudgeState(stepWeight, checks, pods, countedUntil, baseline);
    }

    /**
     * One check's evidence.
     *
     * @param cusum the sequential test that decides a breach
     * @param step  the counts since the step began, which decide being within the limit
     */
    public record CheckState(Cusum cusum, Tally step) {}

    /**
     * Counts since the step began.
     *
     * @param requests         the new version's outcomes (requests, or latency observations)
     * @param events           counted events among them (failures, or possibly slower requests)
     * @param baselineRequests the stable version's, for a comparison with it
     * @param baselineEvents   the stable version's counted events
     */
    public record Tally(double requests, double events, double baselineRequests, double baselineEvents) {

        public static final Tally ZERO = new Tally(0, 0, 0, 0);

        Tally plus(double moreRequests, double moreEvents, double moreBaselineRequests, double moreBaselineEvents) {
            return new Tally(
                    requests + moreRequests,
                    events + moreEvents,
                    baselineRequests + moreBaselineRequests,
                    baselineEvents + moreBaselineEvents);
        }

        double share() {
            return requests > 0 ? events / requests : Double.NaN;
        }

        double baselineShare() {
            return baselineRequests > 0 ? baselineEvents / baselineRequests : Double.NaN;
        }
    }
}
