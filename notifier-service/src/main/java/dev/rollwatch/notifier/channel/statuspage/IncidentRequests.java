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
            incident.put("name", templates.render("incident.name", vars, plain));
            // Not shown on the page; lets a later attempt find the incident an unanswered one opened.
            incident.set("metadata", OpenedIncidents.metadata(releaseId));
        }
        incident.put("status", step.status().apiValue());
        incident.put("body", templates.render(step.template(), vars, plain));
        incident.putArray("component_ids").add(target.component());
        incident.putObject("components")
                .put(target.component(), step.componentStatus().apiValue());
        incident.put("deliver_notifications", deliverNotifications);
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.set("incident", incident);
        return body;
    }
}
