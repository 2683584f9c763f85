package dev.rollwatch.release.messaging;

import dev.rollwatch.events.ReleaseStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Hands every status change to every connected client, each at its own pace. The broadcast waits for
 * no one, and an SSE client asks for one change at a time while it writes the previous one: without a
 * buffer of its own, a burst of changes (many releases moving at once) would cut its stream. A client
 * that falls more than its buffer behind has its stream ended cleanly, so it reconnects, instead of
 * slowing the feed for every other dashboard.
 */
final class StatusBroadcast {

    private static final Logger LOG = Logger.getLogger(StatusBroadcast.class);

    private final BroadcastProcessor<ReleaseStatus> processor = BroadcastProcessor.create();
    private final int clientBuffer;

    StatusBroadcast(int clientBuffer) {
        this.clientBuffer = clientBuffer;
    }

    void publish(ReleaseStatus status) {
        processor.onNext(status);
    }

    Multi<ReleaseStatus> follow(Predicate<ReleaseStatus> wanted) {
        return processor
                .filter(wanted)
                .onOverflow()
                .buffer(clientBuffer)
                .onFailure(BackPressureFailure.class)
                .invoke(() -> LOG.warnf(
                        "A status stream client fell more than %d changes behind; ending its stream", clientBuffer))
                .onFailure(BackPressureFailure.class)
                .recoverWithCompletion();
    }
}
