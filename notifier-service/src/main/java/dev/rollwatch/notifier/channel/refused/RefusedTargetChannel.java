package dev.rollwatch.notifier.channel.refused;

import dev.rollwatch.notifier.channel.DeliveryAttempt;
import dev.rollwatch.notifier.channel.DeliveryResult;
import dev.rollwatch.notifier.channel.NotificationChannel;
import dev.rollwatch.notifier.channel.Outgoing;
import dev.rollwatch.notifier.channel.ReleaseUpdate;
import dev.rollwatch.notifier.domain.DeliveryKind;
import dev.rollwatch.notifier.domain.Target;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * The provider of a target the release's namespace may not use (see
 * {@link dev.rollwatch.notifier.domain.TargetAllowList}): it never contacts anything. The planner
 * queues one {@link DeliveryKind#REFUSAL} per refused target with the reason as its payload, and its
 * attempt is rejected, so the refusal reaches {@code notifications.dlq}, the dead-letter metrics and
 * the log the way every undeliverable message does, durably and outside the consumer's transaction.
 */
public final class RefusedTargetChannel implements NotificationChannel {

    public static final String NAME = "refused";

    public static final RefusedTargetChannel INSTANCE = new RefusedTargetChannel();

    private RefusedTargetChannel() {}

    /** The one delivery reporting a refusal; {@code reason} must hold nothing secret. */
    public static Outgoing refusal(String reason) {
        return new Outgoing(DeliveryKind.REFUSAL, reason, null);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean configuredFor(Target target) {
        // Never chosen for a target: the planner names it explicitly.
        return false;
    }

    @Override
    public List<Outgoing> plan(Target target, ReleaseUpdate update) {
        return List.of();
    }

    @Override
    public Uni<DeliveryResult> deliver(DeliveryAttempt attempt) {
        return Uni.createFrom().item(new DeliveryResult.Rejected(attempt.payload()));
    }
}
