package dev.rollwatch.rollback.service;

import dev.rollwatch.rollback.persistence.TrackedReleaseEntity;
import java.time.Instant;

/** New rows of tracked releases. */
final class Releases {

    private Releases() {}

    static TrackedReleaseEntity newRow(String releaseId, Instant now) {
        TrackedReleaseEntity row = new TrackedReleaseEntity();
        row.releaseId = releaseId;
        row.updatedAt = now;
        return row;
    }
}
