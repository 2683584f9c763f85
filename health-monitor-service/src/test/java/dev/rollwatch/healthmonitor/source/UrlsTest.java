package dev.rollwatch.healthmonitor.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void credentialsInAnAddressNeverReachEvidenceOrWarnings() {
        assertThat(Urls.redacted("https://reader:s3cret@prometheus.monitoring:9090/prom"))
                .isEqualTo("https://***@prometheus.monitoring:9090/prom")
                .doesNotContain("s3cret");
        assertThat(Urls.redacted("http://10.1.2.3:8080/metrics")).isEqualTo("http://10.1.2.3:8080/metrics");
    }

    @Test
    void aBaseUrlLosesItsTrailingSlash() {
        assertThat(Urls.base("http://prometheus:9090/")).isEqualTo("http://prometheus:9090");
        assertThat(Urls.base("http://prometheus:9090")).isEqualTo("http://prometheus:9090");
    }
}
