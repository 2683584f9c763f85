package dev.rollwatch.benchmarks.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.benchmarks.stats.Summary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HopLatenciesTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static ReleaseTimes release(long offset, Long canaryReadyAfter) {
        Instant sent = T.plusMillis(offset);
        return new ReleaseTimes(
                sent,
                sent.plusMillis(40),
                sent.plusMillis(30),
                sent.plusMillis(130),
                sent.plusMillis(700),
                canaryReadyAfter == null ? null : sent.plusMillis(700 + canaryReadyAfter),
                sent.plusMillis(3000),
                sent.plusMillis(3100),
                sent.plusMillis(3300),
                sent.plusMillis(3400));
    }

    @Test
    void hopsFollowThePathInOrderAndMeasureEachLeg() {
        List<Hop> hops = HopLatencies.of(List.of(release(0, 1600L), release(10, 1600L)));

        assertThat(hops)
                .extracting(Hop::hop)
                .containsExactly(
                        "api",
                        "requested.relay",
                        "executor.start",
                        "cluster.ready",
                        "executor.step",
                        "step.relay",
                        "status",
                        "status.relay");
        assertThat(hops.get(0).latency().median()).isEqualTo(40.0);
        assertThat(hops.get(1).latency().median()).isEqualTo(100.0);
        assertThat(hops.get(2).latency().median()).isEqualTo(570.0);
        assertThat(hops.get(3).latency().median()).isEqualTo(1600.0);
        assertThat(hops.get(4).latency().median()).isEqualTo(700.0);
        assertThat(hops.get(6).latency().median()).isEqualTo(200.0);
    }

    @Test
    void aHopIsMeasuredOnlyWhereBothEndsWereSeen() {
        List<Hop> hops = HopLatencies.of(List.of(release(0, 1600L), release(10, null)));

        assertThat(hops.get(3).latency().count()).isEqualTo(1);
        assertThat(hops.get(0).latency().count()).isEqualTo(2);
    }

    @Test
    void requestToFirstStepEndsWhenTheStepIsOnKafka() {
        Summary s = HopLatencies.requestToFirstStep(List.of(release(0, 1600L)));

        assertThat(s.median()).isEqualTo(3100.0);
    }
}
