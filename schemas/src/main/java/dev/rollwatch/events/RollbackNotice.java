package dev.rollwatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * Something the rollback-service wants people (and the other services) to know about a release.
 *
 * @param releaseId the release
 * @param kind      what happened
 * @param severity  info, warning or critical (critical pages people)
 * @param raisedAt  when
 * @param message   one line for people
 * @param image     the artifact concerned (quarantine notices)
 * @param deadline  when a manual-policy recommendation turns into an automatic rollback
 * @param evidence  the measurements behind a recommendation or freeze
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollbackNotice(
        String releaseId,
        Kind kind,
        Severity severity,
        Instant raisedAt,
        String message,
        String image,
        Instant deadline,
        List<Evidence> evidence)
        implements ReleaseEvent {

    public RollbackNotice {
        evidence = evidence == null ? null : List.copyOf(evidence);
    }

    public enum Kind {
        /** Manual policy: a rollback is recommended; an operator should abort before the deadline. */
        @JsonProperty("rollbackRecommended")
        ROLLBACK_RECOMMENDED,
        /** Freeze policy: the release holds at its current weight instead of rolling back. */
        @JsonProperty("releaseFrozen")
        RELEASE_FROZEN,
        /** The cluster shows the stable version ready and receiving all traffic. */
        @JsonProperty("restoreVerified")
        RESTORE_VERIFIED,
        /** The restore could not be verified, even after the re-trigger: people must act. */
        @JsonProperty("restoreUnverified")
        RESTORE_UNVERIFIED,
        /** The artifact was rolled back and is quarantined: new releases of it are refused without override. */
        @JsonProperty("artifactQuarantined")
        ARTIFACT_QUARANTINED
    }

    public enum Severity {
        @JsonProperty("info")
        INFO,
        @JsonProperty("warning")
        WARNING,
        @JsonProperty("critical")
        CRITICAL
    }
}
