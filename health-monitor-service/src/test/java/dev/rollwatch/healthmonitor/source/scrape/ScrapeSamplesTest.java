package dev.rollwatch.healthmonitor.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScrapeSamplesTest {

    @Test
    void aStoredHistogramReadsBackExactlyIncludingItsInfiniteBucket() {
        HttpTraffic traffic = Recorded.traffic("scrape-1");

        String json = ScrapeSamples.writeBuckets(traffic);

        assertThat(json).contains("\"+Inf\":300.0");
        assertThat(ScrapeSamples.readBuckets(json)).isEqualTo(traffic.buckets());
    }
}
