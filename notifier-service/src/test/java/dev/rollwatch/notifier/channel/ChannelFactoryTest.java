package dev.rollwatch.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.notifier.channel.ChannelFactory.Preference;
import dev.rollwatch.notifier.channel.none.NoChannel;
import dev.rollwatch.notifier.domain.Target;
import io.smallrye.mutiny.Uni;
import java.util.List;
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

    // Both Slack providers reach #releases, only the incoming webhook reaches #ops.
    private final NotificationChannel webApi =
            provider("slack", t -> t.slackChannelName().equals("releases"));

    private final NotificationChannel incoming =
            provider("slack-webhook", t -> List.of("ops", "releases").contains(t.slackChannelName()));
    private final NotificationChannel webhook = provider("webhook", t -> true);
    private final ChannelFactory factory = new ChannelFactory(List.of(
            new Preference(Target.SLACK, List.of(webApi, incoming)), new Preference(Target.WEBHOOK, List.of(webhook))));

    @Test
    void prefersTheFirstConfiguredProviderOfTheType() {
        assertThat(factory.forTarget(Target.slack("#releases"))).isSameAs(webApi);
        assertThat(factory.forTarget(Target.slack("#ops"))).isSameAs(incoming);
    }

    @Test
    void aTargetNobodyIsConfiguredForGetsNoChannel() {
        NotificationChannel channel = factory.forTarget(Target.slack("#elsewhere"));

        assertThat(channel).isSameAs(NoChannel.INSTANCE).isSameAs(factory.none());
        assertThat(channel.plan(Target.slack("#elsewhere"), null)).isEmpty();
        assertThat(factory.isNone(channel)).isTrue();
        assertThat(factory.isNone(incoming)).isFalse();
    }

    @Test
    void refusesAnUnknownTypeByNameListingTheKnownOnes() {
        assertThatThrownBy(() -> factory.forTarget(Target.parse("pagerduty:checkout")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown notification channel type 'pagerduty'; known types: slack, webhook");
    }

    @Test
    void refusesTwoPreferencesForOneTargetType() {
        assertThatThrownBy(() -> new ChannelFactory(List.of(
                        new Preference(Target.SLACK, List.of(webApi)),
                        new Preference(Target.SLACK, List.of(incoming)))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("type 'slack'");
    }

    @Test
    void refusesTwoProvidersOfOneNameSinceStoredDeliveriesFindThemByIt() {
        assertThatThrownBy(() -> new ChannelFactory(List.of(
                        new Preference(Target.SLACK, List.of(webApi)),
                        new Preference(Target.WEBHOOK, List.of(provider("slack", t -> true))))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("type 'slack'");
        assertThatThrownBy(() -> new ChannelFactory(
                        List.of(new Preference(Target.WEBHOOK, List.of(provider(NoChannel.NAME, t -> true))))))
                .as("no provider can take the null object's name")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void findsAStoredDeliverysProviderByName() {
        assertThat(factory.byName("slack-webhook")).containsSame(incoming);
        assertThat(factory.byName("none")).containsSame(NoChannel.INSTANCE);
        assertThat(factory.byName("carrier-pigeon")).isEmpty();
        assertThat(factory.byName(null)).isEmpty();
    }

    @Test
    void deliveriesStoredUnderTheFormerNoopNameStillFindNoChannel() {
        assertThat(factory.byName("noop")).containsSame(NoChannel.INSTANCE);
    }
}
