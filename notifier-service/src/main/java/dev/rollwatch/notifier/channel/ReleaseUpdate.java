package dev.rollwatch.notifier.channel;

import dev.rollwatch.events.CloudEvent;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.notifier.domain.Change;
import dev.rollwatch.notifier.domain.ReleaseFacts;
import dev.rollwatch.notifier.domain.ReleaseView;

/**
 * One event about a release, with what it means.
 *
 * @param facts      the release as requested
 * @param event      the event
 * @param structured the event in CloudEvents structured JSON form
 * @param view       the release's view after the event
 * @param change     what the event changed, or null for the {@code release.requested} that starts it all
 */
public record ReleaseUpdate(
        ReleaseFacts facts, CloudEvent<ReleaseEvent> event, String structured, ReleaseView view, Change change) {

    public boolean started() {
        return change == null;
    }
}
