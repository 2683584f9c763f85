package dev.rollwatch.rollback.domain;

import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.RollbackNotice;
import java.util.Objects;

/** What a decision asks the service to do, in the same transaction as the decision itself. */
public sealed interface Effect {

    /** Publish an event (rollback.triggered, rollback.notice or a release command) through the outbox. */
    record Publish(ReleaseEvent event) implements Effect {
        public Publish {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * Quarantine an artifact a release was rolled back for, and publish {@code notice}; other running
     * releases of the same artifact are flagged too.
     */
    record Quarantine(String releaseId, Artifact artifact, RollbackNotice notice) implements Effect {
        public Quarantine {
            Objects.requireNonNull(releaseId, "releaseId");
            Objects.requireNonNull(artifact, "artifact");
            Objects.requireNonNull(notice, "notice");
        }
    }
}
