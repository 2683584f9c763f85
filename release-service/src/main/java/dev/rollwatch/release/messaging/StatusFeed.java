package dev.rollwatch.release.messaging;

import dev.rollwatch.eventing.consumer.EventConsumer;
import dev.rollwatch.events.ReleaseStatus;
import dev.rollwatch.events.codec.MalformedEventException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
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

    private final BroadcastProcessor<ReleaseStatus> processor = BroadcastProcessor.create();
    private final EventConsumer consumer;

    StatusFeed(EventConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming("status-feed")
    public CompletionStage<Void> onStatus(Message<String> message) {
        try {
            processor.onNext((ReleaseStatus) consumer.decode(message).data());
        } catch (MalformedEventException e) {
            // A broadcast read by every instance: moving the record to a dead-letter topic is not
            // this reader's job (each instance would copy it). Skip it.
            LOG.warnf("Skipping unreadable release.status record: %s", e.getMessage());
        }
        return message.ack();
    }

    public Multi<ReleaseStatus> statuses() {
        return processor;
    }
}
