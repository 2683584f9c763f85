package dev.rollwatch.notifier.channel.statuspage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.notifier.domain.DeliveryKind;
import dev.rollwatch.notifier.domain.IncidentStep;
import dev.rollwatch.notifier.domain.Target;
import dev.rollwatch.notifier.templates.MessageTemplates;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The bodies of Statuspage's "create an incident" ({@code POST /pages/{page}/incidents}) and "update an
 * incident" ({@code PATCH /pages/{page}/incidents/{id}}) for one step of a release's incident: its
 * status, the update's text, and the component's status.
 */
final class IncidentRequests {

    /** "Incident Name. There is a maximum limit of 255 characters." (both calls) */
    static final int MAX_NAME = 255;
    /** The update's text: "There is a maximum limit of 25000 characters". */
    static final int MAX_BODY = 25_000;

    private static final String ELLIPSIS = "…";

    private final MessageTemplates templates;
    private final boolean deliverNotifications;

    IncidentRequests(MessageTemplates templates, boolean deliverNotifications) {
        this.templates = templates;
        this.deliverNotifications = deliverNotifications;
    }

    /**
     * @param releaseId the release, which an opened incident names in its metadata
     * @param vars      the release's and the event's template variables
     */
    ObjectNode body(IncidentStep step, Target target, String releaseId, Map<String, Object> vars) {
        UnaryOperator<String> plain = UnaryOperator.identity();
        ObjectNode incident = EventJson.mapper().createObjectNode();
        if (step.kind() == DeliveryKind.INCIDENT_OPEN) {
            incident.put("name", cut(templates.render("incident.name", vars, plain), MAX_NAME));
            // Not shown on the page; lets a later attempt find the incident an unanswered one opened.
            incident.set("metadata", OpenedIncidents.metadata(releaseId));
        }
        incident.put("status", step.status().apiValue());
        incident.put("body", cut(templates.render(step.template(), vars, plain), MAX_BODY));
        incident.putArray("component_ids").add(target.component());
        incident.putObject("components")
                .put(target.component(), step.componentStatus().apiValue());
        incident.put("deliver_notifications", deliverNotifications);
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.set("incident", incident);
        return body;
    }

    /**
     * A configured text can use any value of the event, however long: cut to Statuspage's limit, with
     * an ellipsis, rather than have the incident refused. Never through a surrogate pair.
     */
    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }
}
