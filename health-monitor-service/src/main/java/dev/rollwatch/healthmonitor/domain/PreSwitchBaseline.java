package dev.rollwatch.healthmonitor.domain;

import dev.rollwatch.events.Strategy;
import java.time.Instant;
import java.util.Optional;

/**
 * What the previous version served over the window just before the new version took its traffic:
 * the baseline of a blue-green switch or a rolling update, where no stable version keeps serving beside
 * the new one to be compared with. The health monitor measures it while the watch waits for traffic;
 * the last usable measurement before the switch is the one the new version is held against.
 *
 * @param window      the previous version's traffic over the window, as counts
 * @param windowStart start of that window
 * @param windowEnd   end of that window
 */
public record PreSwitchBaseline(Traffic window, Instant windowStart, Instant windowEnd) {

    /**
     * Whether a strategy needs the previous version measured before the switch: a canary keeps its stable
     * version serving beside it and compares with that as it goes.
     */
    public static boolean needed(Strategy.Type strategy) {
        return strategy == Strategy.Type.BLUE_GREEN || strategy == Strategy.Type.ROLLING;
    }

    /**
     * The previous version in a measurement taken before the switch, if it is usable as a baseline: in a
     * blue-green release the stable track serves all the traffic while the preview waits; in a rolling
     * update the application's pods are all still the previous version. A window with too little traffic
     * or from too few endpoints describes noise, not the version.
     */
    public static Optional<PreSwitchBaseline> of(Strategy.Type strategy, Measurement m, SloPolicy policy) {
        TrackMeasurement previous = strategy == Strategy.Type.ROLLING ? m.canary() : m.stable();
        if (previous == null
                || previous.failed()
                || previous.window() == null
                || previous.coverage().share() < SequentialJudge.MIN_COVERAGE
                || !(previous.window().requests() >= policy.minRequestsPerWindow())) {
            return Optional.empty();
        }
        return Optional.of(new PreSwitchBaseline(previous.window(), m.windowStart(), m.windowEnd()));
    }
}
