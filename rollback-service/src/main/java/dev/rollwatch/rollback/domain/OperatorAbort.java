package dev.rollwatch.rollback.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An operator's abort command.
 *
 * @param eventId     its {@code ce_id}
 * @param requestedBy the operator
 * @param reason      why, if given
 * @param requestedAt when the operator asked
 */
public record OperatorAbort(UUID eventId, String requestedBy, String reason, Instant requestedAt) {

    public OperatorAbort {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }

    public String describe() {
        return "aborted by " + requestedBy + (reason == null || reason.isBlank() ? "" : ": " + reason);
    }
}
