package dev.rollwatch.rollback.domain;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.RollbackPolicy;
import dev.rollwatch.events.StepCompleted;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the rollback-service knows about a release: its request (policy, artifact) and, from the
 * executor, where it stands and which stable state it replaces. Topics are consumed independently,
 * so either part can be missing.
 *
 * @param releaseId          the release
 * @param request            the {@code release.requested} payload; null until it has been consumed
 * @param phase              the executor's latest phase; null before its first step
 * @param stable             the stable state the release replaces, when the executor reported it
 */
public record ReleaseFacts(
        String releaseId, ReleaseRequested request, StepCompleted.Phase phase, StepCompleted.StableState stable) {

    /** The phases after which the executor does nothing more for the release. */
    public static final Set<StepCompleted.Phase> FINISHED = EnumSet.of(
            StepCompleted.Phase.COMPLETED,
            StepCompleted.Phase.FAILED,
            StepCompleted.Phase.ROLLED_BACK,
            StepCompleted.Phase.ABORTED);

    public ReleaseFacts {
        Objects.requireNonNull(releaseId, "releaseId");
    }

    /** Nothing known yet. */
    public static ReleaseFacts unknown(String releaseId) {
        return new ReleaseFacts(releaseId, null, null, null);
    }

    public boolean requested() {
        return request != null;
    }

    /** SUCCEEDED, FAILED, ROLLED_BACK or ABORTED, as the executor reported it. */
    public boolean finished() {
        return phase != null && FINISHED.contains(phase);
    }

    /** The release's own policy, or {@code fallback} when it named none or its request is unknown. */
    public RollbackPolicy policyOr(RollbackPolicy fallback) {
        return request != null && request.rollbackPolicy() != null ? request.rollbackPolicy() : fallback;
    }

    /** The artifact the release rolls out, when its request is known. */
    public String image() {
        return request == null ? null : request.image();
    }

    public boolean quarantineOverridden() {
        return request != null && Boolean.TRUE.equals(request.quarantineOverride());
    }

    /**
     * The facts after an executor step: its phase (a finished release stays finished: a stray late
     * step does not reopen it) and the stable state, whenever the step carries one.
     */
    public ReleaseFacts after(StepCompleted step) {
        StepCompleted.Phase nextPhase = finished() ? phase : step.phase();
        StepCompleted.StableState nextStable = step.stable() != null ? step.stable() : stable;
        return new ReleaseFacts(releaseId, request, nextPhase, nextStable);
    }
}
