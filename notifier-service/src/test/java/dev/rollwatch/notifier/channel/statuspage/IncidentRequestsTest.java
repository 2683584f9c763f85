package dev.rollwatch.notifier.channel.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rollwatch.notifier.channel.WorstCases;
import dev.rollwatch.notifier.domain.DeliveryKind;
import dev.rollwatch.notifier.domain.IncidentStep;
import dev.rollwatch.notifier.domain.IncidentStep.ComponentStatus;
import dev.rollwatch.notifier.domain.IncidentStep.Status;
import dev.rollwatch.notifier.domain.Notice;
import dev.rollwatch.notifier.domain.Target;
import dev.rollwatch.notifier.templates.MessageTemplates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every incident request Rollwatch can make uses only Statuspage's documented fields and values and
 * stays within its limits, with the default texts and with configured ones that use the longest
 * values an event carries.
 */
class IncidentRequestsTest {

    private static final Target TARGET = Target.statuspage("pg1", "cmp1");
    private static final List<String> TEXTS = List.of(
            "incident.degraded",
            "incident.rollback",
            "incident.restoring",
            "incident.rollback-too-late",
            "incident.step-failed",
            "incident.restore-unverified",
            "incident.recommended",
            "incident.frozen",
            "incident.resolved");

    /** Texts an installation may configure: the longest values of the release and the event, all of them. */
    private static final Map<String, String> LONGEST = Map.of(
            "incident.name", "{application} {version} by {actor} ({pipeline}): {summary} {message}",
            "incident.degraded", "{message} {summary}{#for line in evidence}\n{line}{/for}");

    @Test
    void everyOpeningUpdateAndResolutionUsesOnlyDocumentedFieldsAndValues() {
        for (Map<String, String> texts : List.of(Map.<String, String>of(), LONGEST)) {
            IncidentRequests requests = new IncidentRequests(new MessageTemplates(texts), true);
            for (DeliveryKind kind :
                    List.of(DeliveryKind.INCIDENT_OPEN, DeliveryKind.INCIDENT_UPDATE, DeliveryKind.INCIDENT_RESOLVE)) {
                for (Status status : Status.values()) {
                    for (ComponentStatus component : ComponentStatus.values()) {
                        for (String text : TEXTS) {
                            JsonNode body = requests.body(
                                    new IncidentStep(kind, status, component, text), TARGET, "rel-1", worstVars());

                            conforms(kind, body);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aConfiguredNameLongerThanStatuspageTakesIsCutWithAnEllipsis() {
        IncidentRequests requests = new IncidentRequests(new MessageTemplates(LONGEST), false);

        JsonNode body = requests.body(
                new IncidentStep(
                        DeliveryKind.INCIDENT_OPEN,
                        Status.INVESTIGATING,
                        ComponentStatus.DEGRADED_PERFORMANCE,
                        "incident.degraded"),
                TARGET,
                "rel-1",
                worstVars());

        conforms(DeliveryKind.INCIDENT_OPEN, body);
        assertThat(body.at("/incident/name").asText()).hasSize(255).endsWith("…");
        assertThat(body.at("/incident/body").asText()).hasSize(25_000).endsWith("…");
        assertThat(body.at("/incident/deliver_notifications").asBoolean()).isFalse();
    }

    private static void conforms(DeliveryKind kind, JsonNode body) {
        if (kind == DeliveryKind.INCIDENT_OPEN) {
            StatuspageRequestRules.assertConforms("POST", "/pages/pg1/incidents", body);
        } else {
            StatuspageRequestRules.assertConforms("PATCH", "/pages/pg1/incidents/inc1", body);
        }
    }

    private static Map<String, Object> worstVars() {
        Map<String, Object> vars = new LinkedHashMap<>(WorstCases.facts().vars());
        Notice notice = WorstCases.notices().get(0);
        vars.putAll(notice.vars());
        return vars;
    }
}
