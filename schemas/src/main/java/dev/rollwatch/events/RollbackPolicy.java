package dev.rollwatch.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the rollback-service does when a release's SLOs break. */
public enum RollbackPolicy {
    /** Roll back at once. */
    @JsonProperty("automatic")
    AUTOMATIC,
    /** Recommend a rollback and wait for an operator, rolling back anyway after a deadline. */
    @JsonProperty("manual")
    MANUAL,
    /** Hold at the current weight and alert: for releases that must not go back (e.g. after a migration). */
    @JsonProperty("freeze")
    FREEZE
}
