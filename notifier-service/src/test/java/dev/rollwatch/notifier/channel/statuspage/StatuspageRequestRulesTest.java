package dev.rollwatch.notifier.channel.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.events.codec.EventJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of the Statuspage request check refuses what breaks it, and a good request passes them all. */
class StatuspageRequestRulesTest {

    private static final String OPEN = "/pages/pg1/incidents";
    private static final String UPDATE = "/pages/pg1/incidents/inc1";

    private static ObjectNode request() {
        return EventJson.read("""
                {"incident": {"name": "checkout degraded after a release", "status": "investigating",
                  "body": "We are investigating.", "component_ids": ["cmp1"],
                  "components": {"cmp1": "degraded_performance"}, "deliver_notifications": true,
                  "impact_override": "minor", "metadata": {"rollwatch": {"release_id": "rel-1"}}}}
                """, ObjectNode.class);
    }

    private static ObjectNode incident(ObjectNode request) {
        return (ObjectNode) request.get("incident");
    }

    private static List<String> opening(ObjectNode request) {
        return StatuspageRequestRules.violations("POST", OPEN, request);
    }

    @Test
    void aRequestWithDocumentedFieldsPassesAsOpeningUpdateAndLookup() {
        assertThat(opening(request())).isEmpty();
        ObjectNode update = request();
        incident(update).remove("name");
        assertThat(StatuspageRequestRules.violations("PATCH", UPDATE, update)).isEmpty();
        assertThat(StatuspageRequestRules.violations("GET", "/pages/pg1/incidents/unresolved", null))
                .isEmpty();
    }

    @Test
    void aStatusForScheduledMaintenanceOrAnUnknownOneIsRefused() {
        assertThat(opening(incidentWith("status", "in_progress")))
                .containsExactly("incident.status is \"in_progress\", not one of "
                        + "[identified, investigating, monitoring, resolved]");
        assertThat(opening(incidentWith("status", "degraded"))).hasSize(1);
    }

    @Test
    void aComponentStatusStatuspageDoesNotKnowIsRefused() {
        ObjectNode request = request();
        ((ObjectNode) incident(request).get("components")).put("cmp1", "degraded");

        assertThat(opening(request))
                .containsExactly("incident.components.cmp1 is \"degraded\", not one of "
                        + "[degraded_performance, major_outage, operational, partial_outage, under_maintenance]");
    }

    @Test
    void aComponentOutsideTheAffectedOnesIsRefused() {
        ObjectNode request = request();
        ((ObjectNode) incident(request).get("components")).put("cmp2", "major_outage");

        assertThat(opening(request)).containsExactly("incident.components.cmp2 is not in incident.component_ids");
    }

    @Test
    void anImpactOverrideOutsideNoneMinorMajorCriticalIsRefused() {
        assertThat(opening(incidentWith("impact_override", "severe")))
                .containsExactly("incident.impact_override is \"severe\", not one of [critical, major, minor, none]");
    }

    @Test
    void aNameOver255OrABodyOver25000CharactersIsRefused() {
        ObjectNode request = request();
        incident(request).put("name", "n".repeat(256)).put("body", "b".repeat(25_001));

        assertThat(opening(request))
                .containsExactly(
                        "incident.name has 256 characters, more than 255",
                        "incident.body has 25001 characters, more than 25000");
    }

    @Test
    void anOpeningWithoutANameIsRefused() {
        ObjectNode request = request();
        incident(request).remove("name");

        assertThat(opening(request))
                .containsExactly("incident.name is missing: Statuspage requires it to create an incident");
    }

    @Test
    void aFieldStatuspageDoesNotDocumentOrOfTheWrongTypeIsRefused() {
        ObjectNode request = incidentWith("message", "hello");
        incident(request).put("deliver_notifications", "yes");

        assertThat(opening(request))
                .containsExactlyInAnyOrder(
                        "incident.message is not a field of Statuspage's incidents",
                        "incident.deliver_notifications is not a boolean");
    }

    @Test
    void metadataWhoseTopLevelValueIsNoObjectIsRefused() {
        ObjectNode request = request();
        ((ObjectNode) incident(request).get("metadata")).put("release_id", "rel-1");

        assertThat(opening(request)).containsExactly("incident.metadata.release_id is not an object");
    }

    @Test
    void aBodyOutsideIncidentOrACallRollwatchDoesNotMakeIsRefused() {
        assertThat(opening(EventJson.read("{\"name\": \"x\"}", ObjectNode.class)))
                .containsExactly("the body is not {\"incident\": {...}}");
        assertThat(StatuspageRequestRules.violations("DELETE", UPDATE, request()))
                .containsExactly("DELETE /pages/pg1/incidents/inc1 is none of the incident calls Rollwatch makes");
    }

    private static ObjectNode incidentWith(String field, String value) {
        ObjectNode request = request();
        incident(request).put(field, value);
        return request;
    }
}
