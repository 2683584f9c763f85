package dev.rollwatch.release.messaging;

import dev.rollwatch.eventing.consumer.EventConsumer;
import dev.rollwatch.events.ReleaseStatus;
import dev.rollwatch.events.codec.MalformedEventException;
import dev.rollwatch.release.config.ReleaseConfig;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Status changes as they happen, for the SSE stream. Every instance reads the whole
 * {@code release.status} topic with a consumer group of its own, so a dashboard connected to any
 * instance sees every release, not only those of the partitions that instance owns.
 */
@ApplicationScoped
public class StatusFeed {

    private static final Logger LOG = Logger.getLogger(StatusFeed.class);

    private final EventConsumer consumer;
    private final StatusBroadcast broadcast;
    private final StreamSlots clients;

    StatusFeed(EventConsumer consumer, ReleaseConfig config) {
        this.consumer = consumer;
        this.broadcast = new StatusBroadcast(config.streamBuffer());
        this.clients = new StreamSlots(config.streamClients());
    }

    @Incoming("status-feed")
    public CompletionStage<Void> onStatus(Message<String> message) {
        try {
            broadcast.publish((ReleaseStatus) consumer.decode(message).data());
        } catch (MalformedEventException e) {
            // A broadcast read by every instance: moving the record to a dead-letter topic is not
            // this reader's job (each instance would copy it). Skip it.
            LOG.warnf("Skipping unreadable release.status record: %s", e.getMessage());
        }
        return message.ack();
    }

    /**
     * The status changes one client wants, delivered at that client's pace; empty when as many clients
     * as {@code rollwatch.release.stream-clients} are already connected.
     */
    public Optional<Multi<ReleaseStatus>> statuses(Predicate<ReleaseStatus> wanted) {
        return clients.open(() -> broadcast.follow(wanted));
    }
}
