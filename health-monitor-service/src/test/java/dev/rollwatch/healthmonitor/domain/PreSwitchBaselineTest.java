package dev.rollwatch.healthmonitor.domain;

import static dev.rollwatch.healthmonitor.domain.Measurements.canary;
import static dev.rollwatch.healthmonitor.domain.Measurements.policy;
import static dev.rollwatch.healthmonitor.domain.Measurements.stable;
import static dev.rollwatch.healthmonitor.domain.Measurements.traffic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.codec.EventJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreSwitchBaselineTest {

    @Test
    void onlyStrategiesThatSwitchAllTrafficAtOnceMeasureThePreviousVersionFirst() {
        assertThat(PreSwitchBaseline.needed(Strategy.Type.BLUE_GREEN)).isTrue();
        assertThat(PreSwitchBaseline.needed(Strategy.Type.ROLLING)).isTrue();
        assertThat(PreSwitchBaseline.needed(Strategy.Type.CANARY)).isFalse();
    }

    @Test
    void aBlueGreenBaselineIsTheStableTrackThatServesAllTheTrafficBeforeTheSwitch() {
        Traffic serving = traffic(3000, 6, 150, 300);
        Measurement m = Measurements.of(canary(traffic(0, 0), traffic(0, 0)), stable(serving, traffic(50, 0)));

        assertThat(PreSwitchBaseline.of(Strategy.Type.BLUE_GREEN, m, policy())).hasValueSatisfying(b -> {
            assertThat(b.window()).isEqualTo(serving);
            assertThat(b.windowEnd()).isEqualTo(Measurements.END);
        });
    }

    @Test
    void aRollingBaselineIsTheApplicationsPodsBeforeTheUpdate() {
        Traffic serving = traffic(3000, 6);
        Measurement m = Measurements.of(canary(serving, traffic(50, 0)), null);

        assertThat(PreSwitchBaseline.of(Strategy.Type.ROLLING, m, policy()).map(PreSwitchBaseline::window))
                .contains(serving);
    }

    @Test
    void tooLittleTrafficOrAFailedMeasurementIsNoBaseline() {
        Measurement quiet =
                Measurements.of(canary(traffic(0, 0), traffic(0, 0)), stable(traffic(20, 0), traffic(2, 0)));
        Measurement failed = Measurements.of(
                canary(traffic(0, 0), traffic(0, 0)),
                TrackMeasurement.failed(TrackMeasurement.STABLE, Map.of(), "connection refused"));

        assertThat(PreSwitchBaseline.of(Strategy.Type.BLUE_GREEN, quiet, policy()))
                .isEmpty();
        assertThat(PreSwitchBaseline.of(Strategy.Type.BLUE_GREEN, failed, policy()))
                .isEmpty();
    }

    @Test
    void theBaselineSurvivesTheJudgesStoredStateWithItsHistogram() {
        PreSwitchBaseline baseline =
                new PreSwitchBaseline(traffic(3000, 6, 150, 300), Measurements.END.minusSeconds(60), Measurements.END);
        JudgeState state = JudgeState.START.withPreSwitch(baseline);

        JudgeState read = EventJson.read(EventJson.write(state), JudgeState.class);

        assertThat(read.preSwitch()).isEqualTo(baseline);
        assertThat(read.preSwitch().window().quantileMs(0.95))
                .isEqualTo(baseline.window().quantileMs(0.95));
    }
}
