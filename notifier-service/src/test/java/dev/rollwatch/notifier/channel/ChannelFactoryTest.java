package dev.rollwatch.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.notifier.channel.noop.NoopChannel;
import dev.rollwatch.notifier.domain.Target;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ChannelFactoryTest {

    private static NotificationChannel provider(String name, Predicate<Target> configured) {
        return new NotificationChannel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean configuredFor(Target target) {
                return configured.test(target);
            }

            @Override
            public List<Outgoing> plan(Target target, ReleaseUpdate update) {
                return List.of();
            }

            @Override
            public Uni<DeliveryResult> deliver(DeliveryAttempt attempt) {
                return Uni.createFrom().item(DeliveryResult.sent());
            }
        };
    }

    private final NotificationChannel webApi = provider("slack", t -> false);
    private final NotificationChannel incoming =
            provider("slack-webhook", t -> t.slackChannelName().equals("ops"));
    private final NoopChannel noop = new NoopChannel();
    private final ChannelFactory factory = new ChannelFactory(
            Map.of(Target.SLACK, List.of(webApi, incoming), Target.WEBHOOK, List.of(provider("webhook", t -> true))),
            noop);

    @Test
    void picksTheFirstConfiguredProviderOfTheType() {
        assertThat(factory.forTarget(Target.slack("#ops"))).isSameAs(incoming);
    }

    @Test
    void aTargetNobodyIsConfiguredForGetsTheNoopChannel() {
        NotificationChannel channel = factory.forTarget(Target.slack("#elsewhere"));

        assertThat(channel).isSameAs(noop);
        assertThat(channel.plan(Target.slack("#elsewhere"), null)).isEmpty();
        assertThat(factory.isNoop(channel)).isTrue();
    }

    @Test
    void refusesAnUnknownTypeByName() {
        assertThatThrownBy(() -> factory.forTarget(Target.parse("pagerduty:checkout")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown notification channel type 'pagerduty'; known types are [slack, webhook]");
    }

    @Test
    void findsStoredDeliveriesProviderByName() {
        assertThat(factory.byName("slack-webhook")).containsSame(incoming);
        assertThat(factory.byName("carrier-pigeon")).isEmpty();
    }
}
