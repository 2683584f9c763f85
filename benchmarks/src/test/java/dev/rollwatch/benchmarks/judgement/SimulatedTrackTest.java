package dev.rollwatch.benchmarks.judgement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rollwatch.healthmonitor.domain.pods.PodSnapshot;
import dev.rollwatch.healthmonitor.source.scrape.HttpTraffic;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulatedTrackTest {

    @Test
    void servesItsRateAndErrorRate() {
        SimulatedTrack track = new SimulatedTrack(TrackSpec.of(2, 50, 0.02), new SplittableRandom(3));
        for (int second = 1; second <= 2000; second++) {
            track.serve(second);
        }
        List<HttpTraffic> scraped = track.scrape(2000);
        double requests = scraped.stream().mapToDouble(HttpTraffic::requests).sum();
        double errors = scraped.stream().mapToDouble(HttpTraffic::errors).sum();

        assertThat(requests).isCloseTo(100_000, within(1_500.0));
        assertThat(errors / requests).isCloseTo(0.02, within(0.0015));
        assertThat(scraped.get(0).requests()).as("the pods share the traffic").isCloseTo(50_000, within(1_200.0));
    }

    @Test
    void theErrorRateFollowsTime() {
        SimulatedTrack track = new SimulatedTrack(
                TrackSpec.of(1, 200, 0).withErrorRate(t -> t < 100 ? 0 : 0.5), new SplittableRandom(5));
        for (int second = 1; second <= 100; second++) {
            track.serve(second);
        }
        assertThat(track.scrape(100).get(0).errors()).isZero();
        for (int second = 101; second <= 200; second++) {
            track.serve(second);
        }
        HttpTraffic after = track.scrape(200).get(0);
        assertThat(after.errors() / (after.requests() / 2)).isCloseTo(0.5, within(0.03));
    }

    @Test
    void countersAreCumulativeHistogramsInSecondsEndingWithInfinity() {
        SimulatedTrack track = new SimulatedTrack(TrackSpec.of(1, 100, 0.01), new SplittableRandom(9));
        track.serve(1);
        HttpTraffic first = track.scrape(1).get(0);
        track.serve(2);
        HttpTraffic second = track.scrape(2).get(0);

        assertThat(first.buckets().firstKey()).isEqualTo(0.005);
        assertThat(first.buckets().lastKey()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(first.buckets().get(Double.POSITIVE_INFINITY)).isEqualTo(first.requests());
        double previous = 0;
        for (double count : first.buckets().values()) {
            assertThat(count).isGreaterThanOrEqualTo(previous);
            previous = count;
        }
        assertThat(second.requests()).isGreaterThan(first.requests());
        first.buckets()
                .forEach((le, count) -> assertThat(second.buckets().get(le)).isGreaterThanOrEqualTo(count));
    }

    @Test
    void aRestartSetsTheCountersBackToZero() {
        SimulatedTrack track =
                new SimulatedTrack(TrackSpec.of(1, 100, 0.01).withRestarts(60), new SplittableRandom(13));
        int resets = 0;
        double last = 0;
        for (int second = 1; second <= 600; second++) {
            track.serve(second);
            double requests = track.scrape(second).get(0).requests();
            if (requests < last) {
                resets++;
            }
            last = requests;
        }
        // Every 45-75 s over 600 s.
        assertThat(resets).isBetween(8, 13);
    }

    @Test
    void crashedPodsNeitherServeNorAnswerAndTheOthersTakeTheirTraffic() {
        TrackSpec spec = TrackSpec.of(4, 100, 0).withOutage(new TrackSpec.Outage(10, 3, false, 0));
        SimulatedTrack track = new SimulatedTrack(spec, new SplittableRandom(17));
        for (int second = 1; second <= 10; second++) {
            track.serve(second);
        }
        assertThat(track.scrape(9)).doesNotContainNull();
        List<HttpTraffic> atOutage = track.scrape(10);
        assertThat(atOutage.subList(0, 3)).containsOnlyNulls();
        double before = atOutage.get(3).requests();
        for (int second = 11; second <= 110; second++) {
            track.serve(second);
        }
        assertThat(track.scrape(110).get(3).requests() - before)
                .as("100 s of all the traffic")
                .isCloseTo(10_000, within(400.0));
    }

    @Test
    void aCrashedPodIsNotReadyAndRestartsAtTheKubeletsBackOff() {
        assertThat(SimulatedTrack.crashLoopRestarts(-1)).isZero();
        // Restarted at the crash, then after 10, 20, 40, 80, 160, 300 s...
        assertThat(SimulatedTrack.crashLoopRestarts(0)).isEqualTo(1);
        assertThat(SimulatedTrack.crashLoopRestarts(9)).isEqualTo(1);
        assertThat(SimulatedTrack.crashLoopRestarts(10)).isEqualTo(2);
        assertThat(SimulatedTrack.crashLoopRestarts(30)).isEqualTo(3);
        assertThat(SimulatedTrack.crashLoopRestarts(309)).isEqualTo(5);
        assertThat(SimulatedTrack.crashLoopRestarts(310)).isEqualTo(6);
        assertThat(SimulatedTrack.crashLoopRestarts(610)).isEqualTo(7);

        SimulatedTrack track = new SimulatedTrack(
                TrackSpec.of(2, 10, 0).withOutage(new TrackSpec.Outage(60, 1, false, 0)), new SplittableRandom(31));
        assertThat(track.podSnapshots(59, "canary"))
                .containsExactly(
                        new PodSnapshot("canary-pod-0", true, 0, null), new PodSnapshot("canary-pod-1", true, 0, null));
        assertThat(track.podSnapshots(75, "canary"))
                .containsExactly(
                        new PodSnapshot("canary-pod-0", false, 2, "CrashLoopBackOff"),
                        new PodSnapshot("canary-pod-1", true, 0, null));
    }

    @Test
    void restartsAreCountedInThePodsSnapshot() {
        SimulatedTrack track = new SimulatedTrack(TrackSpec.of(1, 10, 0).withRestarts(60), new SplittableRandom(37));
        int resets = 0;
        double last = 0;
        for (int second = 1; second <= 300; second++) {
            track.serve(second);
            double requests = track.scrape(second).get(0).requests();
            resets += requests < last ? 1 : 0;
            last = requests;
        }
        PodSnapshot pod = track.podSnapshots(300, "canary").get(0);
        assertThat(pod.restarts()).isEqualTo(resets).isPositive();
        assertThat(pod.ready()).as("a restart is instantaneous here").isTrue();
    }

    @Test
    void flakyScrapesFailAtTheirRate() {
        TrackSpec spec = TrackSpec.of(4, 10, 0).withOutage(new TrackSpec.Outage(0, 0, true, 0.3));
        SimulatedTrack track = new SimulatedTrack(spec, new SplittableRandom(19));
        long failed = 0;
        for (int second = 1; second <= 2500; second++) {
            failed += track.scrape(second).stream().filter(s -> s == null).count();
        }
        assertThat(failed / 10_000.0).isCloseTo(0.3, within(0.02));
    }

    @Test
    void anInjectedErrorFailsExactlyOneRequest() {
        SimulatedTrack track =
                new SimulatedTrack(TrackSpec.of(1, 0.5, 0).withInjectedError(5), new SplittableRandom(23));
        for (int second = 1; second <= 600; second++) {
            track.serve(second);
        }
        HttpTraffic counters = track.scrape(600).get(0);
        assertThat(counters.errors()).isEqualTo(1);
        assertThat(counters.requests()).isGreaterThan(200);
    }
}
