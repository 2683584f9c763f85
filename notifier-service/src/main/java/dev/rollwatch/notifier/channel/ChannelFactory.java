package dev.rollwatch.notifier.channel;

import dev.rollwatch.notifier.channel.none.NoChannel;
import dev.rollwatch.notifier.channel.refused.RefusedTargetChannel;
import dev.rollwatch.notifier.domain.Target;
import dev.rollwatch.providers.ProviderRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the provider for a target: the first provider of the target's type that is configured for
 * it, else {@link NoChannel}. An unknown type is refused by name, so a typo in configuration fails
 * the start instead of silently telling nobody.
 * <p>
 * Two registries of the shared shape, because a target type has several providers (one per way of
 * reaching it) while a stored delivery names exactly one: target types map to their providers in order
 * of preference, and provider names (stored in {@code delivery.channel}) to the provider.
 */
public final class ChannelFactory {

    /**
     * Names stored deliveries may hold from before a provider was renamed, and the name they mean now.
     */
    private static final Map<String, String> FORMER_NAMES = Map.of(NoChannel.FORMER_NAME, NoChannel.NAME);

    /** The providers of one target type, in order of preference (Slack Web API before incoming webhooks). */
    public record Preference(String targetType, List<NotificationChannel> providers) {
        public Preference {
            providers = List.copyOf(providers);
        }
    }

    private final ProviderRegistry<String, Preference> byType;
    private final ProviderRegistry<String, NotificationChannel> byName;

    /**
     * @param preferences one per target type
     * @throws IllegalStateException when two preferences name one target type, or two providers one name
     */
    public ChannelFactory(List<Preference> preferences) {
        // The null object of the types is only a placeholder: a target of no known type is refused, not told nobody.
        this.byType = ProviderRegistry.of(
                "notification channel",
                Preference::targetType,
                preferences,
                new Preference(NoChannel.NAME, List.of(NoChannel.INSTANCE)));
        List<NotificationChannel> providers = new ArrayList<>();
        preferences.forEach(preference -> providers.addAll(preference.providers()));
        providers.add(NoChannel.INSTANCE);
        // Never chosen for a target; stored refusals name it.
        providers.add(RefusedTargetChannel.INSTANCE);
        this.byName =
                ProviderRegistry.of("notification channel", NotificationChannel::name, providers, NoChannel.INSTANCE);
    }

    /**
     * @throws IllegalArgumentException for a type no provider handles, naming the known ones
     */
    public NotificationChannel forTarget(Target target) {
        return byType.get(target.type()).providers().stream()
                .filter(channel -> channel.configuredFor(target))
                .findFirst()
                .orElse(byName.none());
    }

    /** The provider a stored delivery was planned for, also under the name it had when it was stored. */
    public Optional<NotificationChannel> byName(String name) {
        return name == null ? Optional.empty() : byName.find(FORMER_NAMES.getOrDefault(name, name));
    }

    /** The provider of the deliveries reporting a target the release's namespace may not use. */
    public NotificationChannel refused() {
        return RefusedTargetChannel.INSTANCE;
    }

    /** The provider of targets nobody is configured for. */
    public NotificationChannel none() {
        return byName.none();
    }

    public boolean isNone(NotificationChannel channel) {
        return byName.isNone(channel);
    }
}
