package dev.rollwatch.notifier.channel;

import dev.rollwatch.notifier.domain.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the provider for a target: the first provider of the target's type that is configured for
 * it, else the no-op provider. An unknown type is refused by name, so a typo in configuration fails
 * the start instead of silently telling nobody.
 */
public final class ChannelFactory {

    private final Map<String, List<NotificationChannel>> byType;
    private final Map<String, NotificationChannel> byName = new LinkedHashMap<>();
    private final NotificationChannel noop;

    /**
     * @param byType providers per target type, in order of preference (e.g. Slack Web API before incoming webhooks)
     * @param noop   the provider for targets nobody is configured for
     */
    public ChannelFactory(Map<String, List<NotificationChannel>> byType, NotificationChannel noop) {
        this.byType = Map.copyOf(byType);
        this.noop = noop;
        byType.values().forEach(list -> list.forEach(channel -> byName.put(channel.name(), channel)));
        byName.put(noop.name(), noop);
    }

    /**
     * @throws IllegalArgumentException for a type no provider handles
     */
    public NotificationChannel forTarget(Target target) {
        List<NotificationChannel> candidates = byType.get(target.type());
        if (candidates == null) {
            throw new IllegalArgumentException("Unknown notification channel type '" + target.type()
                    + "'; known types are " + byType.keySet().stream().sorted().toList());
        }
        return candidates.stream()
                .filter(channel -> channel.configuredFor(target))
                .findFirst()
                .orElse(noop);
    }

    /** The provider a stored delivery was planned for. */
    public Optional<NotificationChannel> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public boolean isNoop(NotificationChannel channel) {
        return channel == noop;
    }
}
