package dev.rollwatch.notifier.domain;

/**
 * The release as its parent message shows it, kept per release between events.
 *
 * @param state        where it stands
 * @param step         one-based number of the last completed step, if any
 * @param stepCount    steps in the plan, once known
 * @param canaryWeight traffic percent on the new version, once known
 * @param note         the latest reason worth a line on the parent (a breach, a failure, a restore)
 * @param incident     the status-page incident as planned so far
 */
public record ReleaseView(
        DisplayState state,
        Integer step,
        Integer stepCount,
        Integer canaryWeight,
        String note,
        IncidentState incident) {

    public static ReleaseView requested() {
        return new ReleaseView(DisplayState.REQUESTED, null, null, null, null, IncidentState.NONE);
    }

    ReleaseView with(DisplayState newState, String newNote) {
        return new ReleaseView(newState, step, stepCount, canaryWeight, newNote, incident);
    }

    ReleaseView withProgress(Integer newStep, Integer newStepCount, Integer newWeight) {
        return new ReleaseView(state, newStep, newStepCount, newWeight, note, incident);
    }

    ReleaseView withIncident(IncidentState newIncident) {
        return new ReleaseView(state, step, stepCount, canaryWeight, note, newIncident);
    }
}
