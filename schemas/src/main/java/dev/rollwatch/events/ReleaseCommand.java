package dev.rollwatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An operator's command. Pause, resume, promote and resolve are carried out by the executor; abort goes
 * through the rollback-service, which turns it into the release's one {@code rollback.triggered}.
 *
 * @param releaseId   the release
 * @param command     pause, resume, promote, abort or resolve
 * @param requestedBy the operator (API key name)
 * @param reason      why, for the audit trail
 * @param requestedAt when
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseCommand(String releaseId, Command command, String requestedBy, String reason, Instant requestedAt)
        implements ReleaseEvent {

    public enum Command {
        @JsonProperty("pause")
        PAUSE,
        @JsonProperty("resume")
        RESUME,
        @JsonProperty("promote")
        PROMOTE,
        @JsonProperty("abort")
        ABORT,
        /**
         * Only of a release whose restore failed: people put the cluster right by hand, so the executor
         * stops trying and the release ends FAILED.
         */
        @JsonProperty("resolve")
        RESOLVE
    }
}
