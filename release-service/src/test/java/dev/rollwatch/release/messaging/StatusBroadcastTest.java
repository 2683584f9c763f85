package dev.rollwatch.release.messaging;

import dev.rollwatch.events.ReleaseState;
import dev.rollwatch.events.ReleaseStatus;
import dev.rollwatch.events.fixtures.EventFixtures;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import org.junit.jupiter.api.Test;

class StatusBroadcastTest {

    private static final ReleaseStatus FIRST = EventFixtures.status("r-1", ReleaseState.PENDING);
    private static final ReleaseStatus SECOND = EventFixtures.status("r-1", ReleaseState.PROGRESSING);
    private static final ReleaseStatus THIRD = EventFixtures.status("r-1", ReleaseState.SUCCEEDED);
    private static final ReleaseStatus OTHER = EventFixtures.status("r-2", ReleaseState.PROGRESSING);

    private final StatusBroadcast broadcast = new StatusBroadcast(3);

    @Test
    void aClientStillWritingOneChangeGetsTheNextOnesWhenItAsksInsteadOfLosingItsStream() {
        AssertSubscriber<ReleaseStatus> dashboard =
                broadcast.follow(s -> true).subscribe().withSubscriber(AssertSubscriber.create(1));

        broadcast.publish(FIRST);
        broadcast.publish(SECOND);
        broadcast.publish(THIRD);

        dashboard.assertItems(FIRST).assertNotTerminated();
        dashboard.request(2);
        dashboard.assertItems(FIRST, SECOND, THIRD).assertNotTerminated();
    }

    @Test
    void changesAClientDoesNotWantTakeNoRoomInItsBuffer() {
        AssertSubscriber<ReleaseStatus> dashboard = broadcast
                .follow(s -> s.releaseId().equals("r-1"))
                .subscribe()
                .withSubscriber(AssertSubscriber.create(0));

        for (int i = 0; i < 10; i++) {
            broadcast.publish(OTHER);
        }
        broadcast.publish(FIRST);
        dashboard.request(5);

        dashboard.assertItems(FIRST).assertNotTerminated();
    }

    @Test
    void aClientTooFarBehindHasItsStreamEndedWhileOthersKeepTheirs() {
        AssertSubscriber<ReleaseStatus> stalled =
                broadcast.follow(s -> true).subscribe().withSubscriber(AssertSubscriber.create(0));
        AssertSubscriber<ReleaseStatus> keepingUp =
                broadcast.follow(s -> true).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        for (int i = 0; i < 4; i++) {
            broadcast.publish(FIRST);
        }
        broadcast.publish(THIRD);

        stalled.assertCompleted();
        keepingUp.assertItems(FIRST, FIRST, FIRST, FIRST, THIRD).assertNotTerminated();
    }
}
