package dev.rollwatch.notifier.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class DeliveryMetricsTest {

    /** Alerts take increase() of them: a counter born at 1 would show no increase for its first dead letter. */
    @Test
    void everyChannelsDeadLetterCounterExistsAtZeroBeforeAnyDelivery() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        new DeliveryMetrics(registry);

        assertThat(registry.find("rollwatch.notifier.dead.letters").counters())
                .extracting(c -> c.getId().getTag("channel"), Counter::count)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("slack", 0.0),
                        org.assertj.core.groups.Tuple.tuple("statuspage", 0.0),
                        org.assertj.core.groups.Tuple.tuple("webhook", 0.0),
                        org.assertj.core.groups.Tuple.tuple("refused", 0.0));
    }
}
