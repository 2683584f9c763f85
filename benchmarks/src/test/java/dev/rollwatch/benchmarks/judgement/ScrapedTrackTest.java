package dev.rollwatch.benchmarks.judgement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.healthmonitor.domain.TrackMeasurement;
import dev.rollwatch.healthmonitor.source.scrape.HttpTraffic;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ScrapedTrackTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration KEEP = Duration.ofSeconds(13);

    /** Cumulative counters of one endpoint: every request fast, {@code errors} of them failed. */
    private static HttpTraffic counters(double requests, double errors) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        buckets.put(0.1, requests);
        buckets.put(Double.POSITIVE_INFINITY, requests);
        return new HttpTraffic(requests, errors, buckets);
    }

    private static Instant at(int second) {
        return T0.plusSeconds(second);
    }

    @Test
    void theFirstScrapeAloneIsNoWindowYet() {
        ScrapedTrack track = new ScrapedTrack(TrackMeasurement.CANARY, 1);
        track.record(at(0), List.of(counters(100, 0)), KEEP);

        TrackMeasurement m = track.measure(at(0), WINDOW, null);

        assertThat(m.failed()).isTrue();
        assertThat(m.error()).startsWith("collecting samples");
    }

    @Test
    void freshIncrementsCountEveryRequestOnceAndTheWindowTheLastTenSeconds() {
        SimulatedTrack pods = new SimulatedTrack(TrackSpec.of(2, 50, 0.01), new SplittableRandom(29));
        ScrapedTrack track = new ScrapedTrack(TrackMeasurement.CANARY, 2);
        double counted = 0;
        double[] servedAt = new double[301];
        Instant previous = null;
        for (int second = 0; second <= 300; second++) {
            if (second > 0) {
                pods.serve(second);
            }
            List<HttpTraffic> scraped = pods.scrape(second);
            servedAt[second] =
                    scraped.stream().mapToDouble(HttpTraffic::requests).sum();
            track.record(at(second), scraped, KEEP);
            TrackMeasurement m = track.measure(at(second), WINDOW, previous);
            if (!m.failed()) {
                counted += m.fresh().requests();
                if (second >= 10) {
                    assertThat(m.window().requests()).isEqualTo(servedAt[second] - servedAt[second - 10]);
                }
            }
            previous = at(second);
        }
        assertThat(counted).isEqualTo(servedAt[300]);
    }

    @Test
    void aCounterResetIsReadAsTrafficSinceTheRestart() {
        ScrapedTrack track = new ScrapedTrack(TrackMeasurement.CANARY, 1);
        double[] requests = {100, 150, 20, 70};
        double[] errors = {1, 2, 0, 1};
        double[] fresh = new double[requests.length];
        TrackMeasurement last = null;
        for (int second = 0; second < requests.length; second++) {
            track.record(at(second), List.of(counters(requests[second], errors[second])), KEEP);
            last = track.measure(at(second), WINDOW, second == 0 ? null : at(second - 1));
            fresh[second] = last.failed() ? Double.NaN : last.fresh().requests();
        }
        assertThat(Arrays.copyOfRange(fresh, 1, 4)).containsExactly(50, 20, 50);
        assertThat(last.window().requests()).isEqualTo(120);
        assertThat(last.window().errors()).isEqualTo(2);
        assertThat(last.window().latencyObservations())
                .as("the histogram resets with the counters")
                .isEqualTo(120);
    }

    @Test
    void coverageCountsTheEndpointsThatAnsweredWhileOlderScrapesStillCount() {
        ScrapedTrack track = new ScrapedTrack(TrackMeasurement.CANARY, 2);
        track.record(at(0), List.of(counters(0, 0), counters(0, 0)), KEEP);
        track.record(at(1), List.of(counters(10, 0), counters(10, 0)), KEEP);
        track.record(at(2), Arrays.asList(counters(20, 0), null), KEEP);

        TrackMeasurement m = track.measure(at(2), WINDOW, at(1));

        assertThat(m.coverage()).isEqualTo(new TrackMeasurement.Coverage(1, 2));
        assertThat(m.window().requests())
                .as("as the source: the silent endpoint's stored scrapes")
                .isEqualTo(30);
        assertThat(m.fresh().requests()).isEqualTo(10);
    }

    @Test
    void scrapesOlderThanKeptAreForgotten() {
        ScrapedTrack track = new ScrapedTrack(TrackMeasurement.CANARY, 2);
        track.record(at(0), List.of(counters(0, 0), counters(0, 0)), KEEP);
        track.record(at(1), List.of(counters(10, 0), counters(10, 0)), KEEP);
        for (int second = 2; second <= 20; second++) {
            track.record(at(second), Arrays.asList(counters(10.0 * second, 0), null), KEEP);
        }
        TrackMeasurement m = track.measure(at(20), WINDOW, at(19));

        assertThat(m.window().requests()).isEqualTo(100);
    }

    @Test
    void noEndpointAnsweringIsAFailedTrack() {
        ScrapedTrack track = new ScrapedTrack(TrackMeasurement.CANARY, 2);
        track.record(at(0), List.of(counters(0, 0), counters(0, 0)), KEEP);
        track.record(at(1), Arrays.asList(null, null), KEEP);

        TrackMeasurement m = track.measure(at(1), WINDOW, at(0));

        assertThat(m.failed()).isTrue();
        assertThat(m.error()).startsWith("all 2 canary endpoints failed");
    }
}
