package dev.rollwatch.healthmonitor.source.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrometheusAddressesTest {

    @Test
    void byDefaultOnlyTheInstallationsOwnPrometheusMayBeQueried() {
        PrometheusAddresses addresses =
                new PrometheusAddresses(Optional.of("http://prometheus.monitoring:9090"), Optional.empty());

        assertThat(addresses.allows("http://prometheus.monitoring:9090")).isTrue();
        assertThat(addresses.allows("HTTP://Prometheus.Monitoring:9090/")).isTrue();
        assertThat(addresses.allows("http://vault.security:8200")).isFalse();
        assertThat(addresses.allows("http://prometheus.monitoring:9091")).isFalse();
        assertThat(addresses.allows("http://prometheus.monitoring:9090/../admin"))
                .isFalse();
        assertThat(addresses.allows("http://prometheus.monitoring:9090?x=1")).isFalse();
        assertThat(addresses.allows("http://user@prometheus.monitoring:9090")).isFalse();
        assertThat(addresses.allows("file:///etc/passwd")).isFalse();
        assertThat(addresses.allows("not a url")).isFalse();
        assertThat(addresses.allows(null)).isFalse();
    }

    @Test
    void theAllowListAddsServersAndADefaultPortWrittenOutIsTheSameAddress() {
        PrometheusAddresses addresses = new PrometheusAddresses(
                Optional.empty(), Optional.of(List.of("https://thanos.example/prom/", "http://prom.shop")));

        assertThat(addresses.allows("https://thanos.example:443/prom")).isTrue();
        assertThat(addresses.allows("http://prom.shop:80")).isTrue();
        assertThat(addresses.allows("http://thanos.example/prom"))
                .as("another scheme")
                .isFalse();
        assertThat(addresses.allows("https://thanos.example/"))
                .as("another path")
                .isFalse();
    }

    @Test
    void withNothingConfiguredNoAddressIsAllowed() {
        assertThat(new PrometheusAddresses(Optional.empty(), Optional.empty()).allows("http://127.0.0.1:9090"))
                .isFalse();
    }
}
