package dev.rollwatch.healthmonitor.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionParserTest {

    @Test
    void readsAMicrometerScrape() {
        List<ExpositionParser.Sample> samples = ExpositionParser.parse(Recorded.text("scrape-1"));

        assertThat(samples)
                .filteredOn(s -> s.name().equals("http_server_requests_seconds_count"))
                .extracting(s -> s.labels().get("status"), ExpositionParser.Sample::value)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("200", 280.0),
                        org.assertj.core.groups.Tuple.tuple("500", 20.0));
        assertThat(samples)
                .filteredOn(s -> s.name().equals("http_server_requests_seconds_bucket"))
                .hasSize(122);
    }

    @Test
    void readsOpenMetricsWithTimestampsExemplarsAndEscapes() {
        String text = """
                # TYPE http_server_requests_seconds histogram
                http_server_requests_seconds_count{uri="/a \\"b\\"\\\\c",status="503"} 7 1700000000.123
                http_server_requests_seconds_bucket{le="+Inf",status="503"} 7 # {trace_id="abc"} 0.4 1700000000.1
                up 1
                process_cpu_seconds_total NaN
                # EOF
                """;

        List<ExpositionParser.Sample> samples = ExpositionParser.parse(text);

        assertThat(samples).hasSize(4);
        assertThat(samples.get(0).labels()).isEqualTo(Map.of("uri", "/a \"b\"\\c", "status", "503"));
        assertThat(samples.get(0).value()).isEqualTo(7);
        assertThat(samples.get(1).labels()).containsEntry("le", "+Inf");
        assertThat(samples.get(2).labels()).isEmpty();
        assertThat(samples.get(3).value()).isNaN();
    }

    @Test
    void namesTheLineItCannotRead() {
        assertThatThrownBy(() -> ExpositionParser.parse("up 1\nhttp_requests{status=\"200\" 4\n"))
                .isInstanceOf(ExpositionParser.ExpositionException.class)
                .hasMessageStartingWith("metrics exposition line 2:");
        assertThatThrownBy(() -> ExpositionParser.parse("up one"))
                .hasMessage("metrics exposition line 1: a sample's value is not a number");
    }

    @Test
    void neverQuotesWhatTheEndpointServedWhenItCannotReadIt() {
        // A secret served where metrics were expected must not reach a verdict through the parser's message.
        for (String page : new String[] {
            "password=hunter2-secret", "hunter2-secret 1 2", "up{hunter2-secret} 1", "up hunter2-secret", "db_password"
        }) {
            assertThatThrownBy(() -> ExpositionParser.parse(page))
                    .as(page)
                    .isInstanceOf(ExpositionParser.ExpositionException.class)
                    .message()
                    .startsWith("metrics exposition line 1: ")
                    .doesNotContain("hunter2", "password", "secret");
        }
    }
}
