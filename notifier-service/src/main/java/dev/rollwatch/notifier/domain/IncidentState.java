package dev.rollwatch.notifier.domain;

/** The release's status-page incident as planned (not necessarily delivered yet). */
public enum IncidentState {
    NONE,
    OPEN,
    RESOLVED
}
