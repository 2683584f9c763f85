package dev.rollwatch.executor.domain;

/** What the executor has to do for a release now. */
public sealed interface Work {

    /** Read (never change) the stable state the release will replace. */
    record RecordStable() implements Work {}

    /** Publish that the release was refused (e.g. quarantined artifact); nothing is changed. */
    record Refuse(String reason) implements Work {}

    /** Apply the step, then check readiness and finish it if ready. */
    record Apply(int index, PlannedStep step) implements Work {}

    /** Check whether an applied step's workload is ready; finish it if so. */
    record Check(int index, PlannedStep step) implements Work {}

    /** The step would widen the new version's exposure, which nobody has judged yet: wait for a verdict. */
    record AwaitVerdict(int index, PlannedStep step) implements Work {}

    /** A timed pause is over. */
    record EndPause(int index, PlannedStep step) implements Work {}

    /** Restore the recorded stable state. */
    record Restore(dev.rollwatch.executor.domain.Restore request) implements Work {}

    /** Nothing is due. */
    record Idle() implements Work {}
}
