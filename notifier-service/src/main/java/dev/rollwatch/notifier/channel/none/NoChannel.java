package dev.rollwatch.notifier.channel.none;

import dev.rollwatch.notifier.channel.DeliveryAttempt;
import dev.rollwatch.notifier.channel.DeliveryResult;
import dev.rollwatch.notifier.channel.NotificationChannel;
import dev.rollwatch.notifier.channel.Outgoing;
import dev.rollwatch.notifier.channel.ReleaseUpdate;
import dev.rollwatch.notifier.domain.Target;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** The channel for targets nobody configured: plans nothing, so nothing is queued or retried. */
public final class NoChannel implements NotificationChannel {

    public static final String NAME = "none";

    /**
     * The name this channel had before, which stored deliveries may still hold in their {@code channel}
     * column; the factory resolves it to this channel.
     */
    public static final String FORMER_NAME = "noop";

    public static final NoChannel INSTANCE = new NoChannel();

    private NoChannel() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean configuredFor(Target target) {
        return true;
    }

    @Override
    public List<Outgoing> plan(Target target, ReleaseUpdate update) {
        return List.of();
    }

    @Override
    public Uni<DeliveryResult> deliver(DeliveryAttempt attempt) {
        return Uni.createFrom()
                .item(new DeliveryResult.Skipped(
                        "no channel is configured for " + attempt.target().describe()));
    }
}
