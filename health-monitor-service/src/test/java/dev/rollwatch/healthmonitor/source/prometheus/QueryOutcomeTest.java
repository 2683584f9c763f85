package dev.rollwatch.healthmonitor.source.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueryOutcomeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static QueryOutcome read(String body) throws Exception {
        return QueryOutcome.of(JSON.readValue(body, PrometheusResponse.class));
    }

    @Test
    void readsTheValueOfASingleSeries() throws Exception {
        QueryOutcome o = read("""
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{},"value":[1763647421.1,"0.124"]}]}}""");

        assertThat(o.failed()).isFalse();
        assertThat(o.value()).isEqualTo(0.124);
    }

    @Test
    void anEmptyResultIsNaNNotAnError() throws Exception {
        QueryOutcome o = read("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");

        assertThat(o.failed()).isFalse();
        assertThat(o.value()).isNaN();
    }

    @Test
    void prometheusWritesNaNAsAString() throws Exception {
        assertThat(read("""
                {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"NaN"]}]}}""").value()).isNaN();
        assertThat(read("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"+Inf\"]}}")
                        .value())
                .isInfinite();
    }

    @Test
    void aQueryReturningSeveralSeriesMustAggregate() throws Exception {
        QueryOutcome o = read("""
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"pod":"a"},"value":[1,"1"]},{"metric":{"pod":"b"},"value":[1,"2"]}]}}""");

        assertThat(o.error()).isEqualTo("the query returned 2 series; aggregate it to one (e.g. with sum)");
    }

    @Test
    void anErrorSaysItsKindButNeverRepeatsWhatTheServerWrote() throws Exception {
        QueryOutcome o = read("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"db password hunter2\"}");
        QueryOutcome forged = read("{\"status\":\"hunter2 secret\",\"errorType\":\"the password is hunter2\"}");

        assertThat(o.error()).isEqualTo("Prometheus rejected the query (status error, bad_data)");
        assertThat(forged.error()).isEqualTo("Prometheus rejected the query (status other, other)");
    }

    @Test
    void evaluationTimeIsUnixSecondsWithMilliseconds() {
        assertThat(PrometheusQueries.time(Instant.parse("2026-11-20T14:03:41.122456Z")))
                .isEqualTo("1795183421.122");
    }
}
