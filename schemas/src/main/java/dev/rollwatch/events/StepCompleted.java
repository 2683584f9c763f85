package dev.rollwatch.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The executor finished a step of a release (or failed it). {@link #phase()} is the executor's view
 * of the release after the step; the release-service drives its state machine from it.
 *
 * @param releaseId   the release
 * @param stepIndex   zero-based position in the plan; -1 for steps outside the plan (rollback, resume)
 * @param stepCount   number of steps in the plan
 * @param action      what the step did
 * @param outcome     succeeded or failed
 * @param phase       where the release stands after this step
 * @param weights     traffic weights in force after the step
 * @param startedAt   when the step began
 * @param completedAt when it ended
 * @param message     human explanation (always set when the step failed)
 * @param stable      the stable state the release replaces (recorded before the first change);
 *                    on a rollback step, the state that was restored
 * @param rollback    on a rollback step, the executor's answer to the decision; null on other steps
 *                    (and on rollback steps of executors older than this field, which consumers read by
 *                    their phase and outcome)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepCompleted(
        String releaseId,
        int stepIndex,
        int stepCount,
        Action action,
        Outcome outcome,
        Phase phase,
        Weights weights,
        Instant startedAt,
        Instant completedAt,
        String message,
        StableState stable,
        RollbackAnswer rollback)
        implements ReleaseEvent {

    /** A step that answers no rollback decision. */
    public StepCompleted(
            String releaseId,
            int stepIndex,
            int stepCount,
            Action action,
            Outcome outcome,
            Phase phase,
            Weights weights,
            Instant startedAt,
            Instant completedAt,
            String message,
            StableState stable) {
        this(
                releaseId,
                stepIndex,
                stepCount,
                action,
                outcome,
                phase,
                weights,
                startedAt,
                completedAt,
                message,
                stable,
                null);
    }

    /**
     * What a rollback decision did, said once by the executor so that nobody has to infer it from the
     * phase and outcome (see {@code dev.rollwatch.events.outcome.ReleaseOutcome} for what it means for
     * the release).
     */
    public enum RollbackAnswer {
        /** The stable state the release replaced is back. */
        @JsonProperty("restored")
        RESTORED,
        /** Restoring the stable state did not succeed: people must act. */
        @JsonProperty("failed")
        FAILED,
        /** The release was promoted before the decision reached the executor: nothing was restored. */
        @JsonProperty("tooLate")
        TOO_LATE,
        /** The stable state was already in force (the release failed before it changed anything, or was restored). */
        @JsonProperty("nothingChanged")
        NOTHING_CHANGED,
        /** A newer release of the same Deployment started after this one ended: restoring would undo it. */
        @JsonProperty("superseded")
        SUPERSEDED
    }

    public enum Action {
        @JsonProperty("setWeight")
        SET_WEIGHT,
        @JsonProperty("pause")
        PAUSE,
        @JsonProperty("resume")
        RESUME,
        @JsonProperty("deployPreview")
        DEPLOY_PREVIEW,
        @JsonProperty("switchTraffic")
        SWITCH_TRAFFIC,
        @JsonProperty("rollingUpdate")
        ROLLING_UPDATE,
        @JsonProperty("promote")
        PROMOTE,
        @JsonProperty("scaleDown")
        SCALE_DOWN,
        @JsonProperty("rollback")
        ROLLBACK
    }

    public enum Outcome {
        @JsonProperty("succeeded")
        SUCCEEDED,
        @JsonProperty("failed")
        FAILED
    }

    /** The executor's view of the release after a step. */
    public enum Phase {
        /** Steps remain and the executor is advancing. */
        @JsonProperty("progressing")
        PROGRESSING,
        /** Waiting for an operator (indefinite pause step or a pause command). */
        @JsonProperty("paused")
        PAUSED,
        /** Promoted: the new version is the stable one. */
        @JsonProperty("completed")
        COMPLETED,
        /** A step failed; the executor restored the stable state. */
        @JsonProperty("failed")
        FAILED,
        /**
         * Restoring the stable state failed. Not an end: the executor keeps trying with backoff until the
         * restore succeeds (the phase it would have ended in follows) or an operator resolves the release.
         */
        @JsonProperty("restoreFailed")
        RESTORE_FAILED,
        /** A rollback restored the stable state. */
        @JsonProperty("rolledBack")
        ROLLED_BACK,
        /** An operator's abort restored the stable state. */
        @JsonProperty("aborted")
        ABORTED
    }

    /**
     * What the release replaced, recorded before the first change so a rollback restores exactly it.
     *
     * @param image    stable image
     * @param revision stable Deployment revision (or ReplicaSet pod-template hash)
     * @param weights  traffic weights before the release
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StableState(String image, String revision, Weights weights) {}
}
