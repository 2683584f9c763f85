package dev.rollwatch.healthmonitor.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HttpTrafficTest {

    private static final String PAGE = """
            # TYPE http_server_requests_seconds histogram
            http_server_requests_seconds_count{method="GET",status="200",uri="/orders"} 90
            http_server_requests_seconds_count{method="GET",status="500",uri="/orders"} 10
            http_server_requests_seconds_bucket{method="GET",status="200",uri="/orders",le="0.1"} 90
            http_server_requests_seconds_bucket{method="GET",status="200",uri="/orders",le="+Inf"} 90
            http_server_requests_seconds_bucket{method="GET",status="500",uri="/orders",le="0.1"} 10
            http_server_requests_seconds_bucket{method="GET",status="500",uri="/orders",le="+Inf"} 10
            http_server_requests_seconds_count{method="GET",status="200",uri="/q/health/ready"} 400
            http_server_requests_seconds_bucket{method="GET",status="200",uri="/q/health/ready",le="0.1"} 400
            http_server_requests_seconds_bucket{method="GET",status="200",uri="/q/health/ready",le="+Inf"} 400
            http_server_requests_seconds_count{method="GET",status="200",uri="/metrics"} 100
            http_server_requests_seconds_count{method="GET",status="503",uri="/actuator/health"} 5
            """;

    private static final HttpTraffic.Names APPLICATION_ONLY = new HttpTraffic.Names(
            "http_server_requests_seconds",
            "status",
            Pattern.compile("5.."),
            "uri",
            Pattern.compile(
                    "/q/.*|/health.*|/healthz|/livez|/readyz|/ready|/live|/metrics|/prometheus|/actuator(/.*)?"));

    @Test
    void probesAndMetricsScrapesDoNotCountAsTheApplicationsTraffic() {
        HttpTraffic traffic = HttpTraffic.of(ExpositionParser.parse(PAGE), APPLICATION_ONLY);

        assertThat(traffic.requests()).isEqualTo(100);
        assertThat(traffic.errors()).isEqualTo(10);
        assertThat(traffic.buckets().get(Double.POSITIVE_INFINITY)).isEqualTo(100);
    }

    @Test
    void withoutExclusionsEveryRouteCounts() {
        HttpTraffic traffic = HttpTraffic.of(
                ExpositionParser.parse(PAGE),
                new HttpTraffic.Names("http_server_requests_seconds", "status", Pattern.compile("5..")));

        assertThat(traffic.requests()).isEqualTo(605);
        assertThat(traffic.errors()).isEqualTo(15);
    }
}
