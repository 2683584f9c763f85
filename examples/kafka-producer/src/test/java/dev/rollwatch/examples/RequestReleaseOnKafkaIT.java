package dev.rollwatch.examples;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.testing.infra.KafkaBroker;
import org.junit.jupiter.api.Test;

class RequestReleaseOnKafkaIT {

    /**
     * Producing release.requested straight onto Kafka bypassed the API's namespace authorisation,
     * quarantine and one-in-flight checks, and took the audit actor from the payload. The broker now
     * grants that topic to the release-service alone: CI's user is refused.
     */
    @Test
    void ciCannotProduceReleaseRequestedStraightOntoKafka() {
        org.junit.jupiter.api.Assumptions.assumeTrue(KafkaBroker.secured(), "the broker runs without ACLs");
        java.util.Properties ci = new java.util.Properties();
        ci.putAll(KafkaBroker.clientConfig(KafkaBroker.STRANGER));
        assertThatThrownBy(() -> RequestReleaseOnKafka.send(
                        KafkaBroker.bootstrapServers(),
                        ci,
                        RequestReleaseOnKafka.canary(
                                "checkout-1-4-2",
                                "shop",
                                "checkout",
                                "registry.example.com/shop/checkout:1.4.2",
                                "gitlab/shop#7")))
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.AuthorizationException.class);
    }

    @Test
    void refusesToSendWhatRollwatchWouldRefuse() {
        assertThatThrownBy(() -> RequestReleaseOnKafka.send(
                        KafkaBroker.bootstrapServers(),
                        RequestReleaseOnKafka.canary("r-1", "Shop", "checkout", "checkout", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namespace")
                .hasMessageContaining("image");
    }
}
