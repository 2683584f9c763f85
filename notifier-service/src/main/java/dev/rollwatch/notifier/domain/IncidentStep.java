package dev.rollwatch.notifier.domain;

import java.util.Locale;

/**
 * What to do with the release's status-page incident for one event.
 *
 * @param kind            open, update or resolve
 * @param status          the incident status: investigating, identified, monitoring or resolved
 * @param componentStatus the component status: degraded_performance, partial_outage, major_outage or operational
 * @param template        the template of the update's text
 */
public record IncidentStep(DeliveryKind kind, Status status, ComponentStatus componentStatus, String template) {

    public enum Status {
        INVESTIGATING,
        IDENTIFIED,
        MONITORING,
        RESOLVED;

        public String apiValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum ComponentStatus {
        OPERATIONAL,
        DEGRADED_PERFORMANCE,
        PARTIAL_OUTAGE,
        MAJOR_OUTAGE;

        public String apiValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
