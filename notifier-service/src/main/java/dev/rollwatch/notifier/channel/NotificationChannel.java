package dev.rollwatch.notifier.channel;

import dev.rollwatch.notifier.domain.Target;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;

/**
 * One way of telling people (Flagger's provider design: one small interface, one package per
 * provider, a null-object provider for "not configured", an explicit factory).
 * <p>
 * Delivery has two halves. {@link #plan} runs in the consumer's transaction and turns a release
 * update into the messages to send, stored before the Kafka offset is committed; it must not do I/O.
 * {@link #deliver} runs later from the dispatcher, once per attempt, in order per release and target.
 */
public interface NotificationChannel {

    /**
     * The provider's name, stored with each delivery: slack, slack-webhook, statuspage, webhook, none. Stored
     * rows outlive a release of the service: renaming a provider needs the old name kept as an alias.
     */
    String name();

    /** Whether this provider has what it needs (credentials) to reach the target. */
    boolean configuredFor(Target target);

    /** The messages for one event at one target, in the order they must be sent; empty for none. */
    List<Outgoing> plan(Target target, ReleaseUpdate update);

    /**
     * Sends one planned message. Every outcome the remote service can produce is a {@link DeliveryResult};
     * the returned Uni fails only for a bug.
     */
    Uni<DeliveryResult> deliver(DeliveryAttempt attempt);

    /** Least time between two sends with the same {@link Outgoing#rateKey()}; zero for no limit. */
    default Duration minInterval() {
        return Duration.ZERO;
    }
}
