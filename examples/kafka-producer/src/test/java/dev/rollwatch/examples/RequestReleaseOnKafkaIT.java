package dev.rollwatch.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.Topics;
import dev.rollwatch.testing.KafkaTestClient;
import dev.rollwatch.testing.TopicRecorder;
import dev.rollwatch.testing.infra.KafkaBroker;
import org.junit.jupiter.api.Test;

class RequestReleaseOnKafkaIT {

    @Test
    void producesAReleaseRequestRollwatchAccepts() throws Exception {
        try (KafkaTestClient kafka = new KafkaTestClient();
                TopicRecorder recorder = kafka.record(Topics.RELEASE_REQUESTED)) {
            RequestReleaseOnKafka.send(
                    KafkaBroker.bootstrapServers(),
                    RequestReleaseOnKafka.canary(
                            "checkout-1-4-2",
                            "shop",
                            "checkout",
                            "registry.example.com/shop/checkout:1.4.2",
                            "gitlab/shop#7"));

            ReleaseRequested received =
                    (ReleaseRequested) recorder.awaitEvents(Topics.RELEASE_REQUESTED, "checkout-1-4-2", 1)
                            .get(0)
                            .data();
            assertThat(received.strategy().canary().steps()).hasSize(7);
            assertThat(received.requestedBy().pipeline()).isEqualTo("gitlab/shop#7");
            assertThat(received.slo().metricSource().type())
                    .as("never left unwatched")
                    .isEqualTo(Slo.MetricSource.Type.SCRAPE);
        }
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
