package dev.rollwatch.healthmonitor.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Rates and quantiles over our own sliding windows, on scrapes recorded from a real Micrometer registry. */
class WindowArithmeticTest {

    private static final Instant T0 = Instant.parse("2026-11-20T14:00:00Z");

    @Test
    void readsTheHttpServerTrafficOfOneScrape() {
        HttpTraffic traffic = Recorded.traffic("scrape-1");

        assertThat(traffic.requests()).isEqualTo(300);
        assertThat(traffic.errors()).isEqualTo(20);
        assertThat(traffic.buckets().lastEntry().getValue()).isEqualTo(300);
    }

    @Test
    void theWindowHoldsOnlyWhatHappenedInIt() {
        EndpointSeries series = new EndpointSeries();
        series.add(T0, Recorded.traffic("scrape-0"));
        series.add(T0.plusSeconds(10), Recorded.traffic("scrape-1"));

        TrafficDelta delta =
                series.over(Duration.ofSeconds(10), T0.plusSeconds(10)).orElseThrow();

        assertThat(delta.requests()).isEqualTo(200);
        assertThat(delta.errors()).isEqualTo(20);
        assertThat(delta.errorRate()).isEqualTo(0.1);
        assertThat(delta.from()).isEqualTo(T0);
        assertThat(delta.to()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void histogramQuantilesInterpolateInsideTheBucketAsPromQlDoes() {
        EndpointSeries series = new EndpointSeries();
        series.add(T0, Recorded.traffic("scrape-0"));
        series.add(T0.plusSeconds(10), Recorded.traffic("scrape-1"));
        TrafficDelta delta =
                series.over(Duration.ofSeconds(10), T0.plusSeconds(10)).orElseThrow();

        // 180 requests in (0.016777216, 0.022369621], 20 in (0.268435456, 0.357913941]:
        // rank 190 is half-way through the slow bucket, rank 100 is 100/180 through the fast one.
        assertThat(delta.quantile(0.95)).isCloseTo(0.268435456 + (0.357913941 - 0.268435456) * 0.5, within(1e-9));
        assertThat(delta.quantile(0.5)).isCloseTo(0.016777216 + (0.022369621 - 0.016777216) * 100 / 180, within(1e-9));
    }

    @Test
    void aCounterResetCountsTheRestartedProcessFromZero() {
        EndpointSeries series = new EndpointSeries();
        series.add(T0, Recorded.traffic("scrape-0"));
        series.add(T0.plusSeconds(10), Recorded.traffic("scrape-1"));
        series.add(T0.plusSeconds(20), Recorded.traffic("scrape-2-after-restart"));

        TrafficDelta delta =
                series.over(Duration.ofSeconds(20), T0.plusSeconds(20)).orElseThrow();

        // 200 before the restart, 50 after; the 500s stopped with the old process.
        assertThat(delta.requests()).isEqualTo(250);
        assertThat(delta.errors()).isEqualTo(20);
        assertThat(delta.buckets().lastEntry().getValue()).isEqualTo(250);
    }

    @Test
    void aWindowStartsAtTheLastScrapeBeforeItAndIgnoresOlderOnes() {
        EndpointSeries series = new EndpointSeries();
        series.add(T0, Recorded.traffic("scrape-0"));
        series.add(T0.plusSeconds(10), Recorded.traffic("scrape-1"));
        series.add(T0.plusSeconds(20), Recorded.traffic("scrape-1"));

        TrafficDelta delta =
                series.over(Duration.ofSeconds(10), T0.plusSeconds(20)).orElseThrow();

        assertThat(delta.requests()).isZero();
        assertThat(delta.errorRate()).isNaN();
    }

    @Test
    void aWindowStillFillingUsesWhatItHasAndOneScrapeIsNoWindow() {
        EndpointSeries series = new EndpointSeries();
        series.add(T0, Recorded.traffic("scrape-0"));
        assertThat(series.over(Duration.ofMinutes(1), T0)).isEmpty();

        series.add(T0.plusSeconds(10), Recorded.traffic("scrape-1"));

        assertThat(series.over(Duration.ofMinutes(1), T0.plusSeconds(10))
                        .orElseThrow()
                        .requests())
                .isEqualTo(200);
    }

    @Test
    void pruningKeepsTheScrapeTheNextWindowStartsFrom() {
        EndpointSeries series = new EndpointSeries();
        for (int i = 0; i <= 10; i++) {
            series.add(T0.plusSeconds(i), new HttpTraffic(i * 10, i, new TreeMap<>()));
        }

        series.prune(T0.plusSeconds(7));

        assertThat(series.size()).isEqualTo(4);
        assertThat(series.over(Duration.ofSeconds(3), T0.plusSeconds(10))
                        .orElseThrow()
                        .requests())
                .isEqualTo(30);
    }

    @Test
    void severalPodsOfOneVersionAddUp() {
        EndpointSeries a = new EndpointSeries();
        EndpointSeries b = new EndpointSeries();
        a.add(T0, Recorded.traffic("scrape-0"));
        a.add(T0.plusSeconds(10), Recorded.traffic("scrape-1"));
        b.add(T0, new HttpTraffic(1000, 0, new TreeMap<>()));
        b.add(T0.plusSeconds(10), new HttpTraffic(1600, 0, new TreeMap<>()));

        TrafficDelta both = a.over(Duration.ofSeconds(10), T0.plusSeconds(10))
                .orElseThrow()
                .plus(b.over(Duration.ofSeconds(10), T0.plusSeconds(10)).orElseThrow());

        assertThat(both.requests()).isEqualTo(800);
        assertThat(both.errorRate()).isEqualTo(20.0 / 800);
    }

    @Test
    void anAbsentTimerIsNoTrafficYet() {
        HttpTraffic none =
                HttpTraffic.of(ExpositionParser.parse("# a process that served nothing yet\nup 1\n"), Recorded.NAMES);

        assertThat(none.requests()).isZero();
        assertThat(none.buckets()).isEmpty();
    }
}
