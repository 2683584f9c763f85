package dev.rollwatch.notifier.channel.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a request to Statuspage's REST API v1 against its documented fields: "Create an incident"
 * ({@code POST /pages/{page_id}/incidents}), "Update an incident" ({@code PATCH
 * /pages/{page_id}/incidents/{incident_id}}) and "Get a list of unresolved incidents" ({@code GET
 * /pages/{page_id}/incidents/unresolved}), as the API reference describes them: the quoted
 * descriptions are its own (https://developer.statuspage.io/#operation/postPagesPageIdIncidents and
 * #operation/patchPagesPageIdIncidentsIncidentId; the {@code incident} object of both bodies has the
 * same fields, and the component statuses are those of its Component object).
 */
public final class StatuspageRequestRules {

    /** The fields of {@code incident} in both bodies; anything else is not Statuspage's. */
    private static final Set<String> FIELDS = Set.of(
            "name",
            "status",
            "impact_override",
            "scheduled_for",
            "scheduled_until",
            "scheduled_remind_prior",
            "auto_transition_to_maintenance_state",
            "auto_transition_to_operational_state",
            "scheduled_auto_in_progress",
            "scheduled_auto_completed",
            "auto_transition_deliver_notifications_at_start",
            "auto_transition_deliver_notifications_at_end",
            "metadata",
            "deliver_notifications",
            "auto_tweet_at_beginning",
            "auto_tweet_on_completion",
            "auto_tweet_on_creation",
            "auto_tweet_one_hour_before",
            "backfill_date",
            "backfilled",
            "body",
            "components",
            "component_ids",
            "scheduled_auto_transition");

    private static final Set<String> BOOLEANS = Set.of(
            "scheduled_remind_prior",
            "auto_transition_to_maintenance_state",
            "auto_transition_to_operational_state",
            "scheduled_auto_in_progress",
            "scheduled_auto_completed",
            "auto_transition_deliver_notifications_at_start",
            "auto_transition_deliver_notifications_at_end",
            "deliver_notifications",
            "auto_tweet_at_beginning",
            "auto_tweet_on_completion",
            "auto_tweet_on_creation",
            "auto_tweet_one_hour_before",
            "backfilled",
            "scheduled_auto_transition");

    /** "Incident Name. There is a maximum limit of 255 characters." */
    static final int NAME = 255;
    /** "The initial message, created as the first incident update. There is a maximum limit of 25000 characters" */
    static final int BODY = 25_000;
    /**
     * "For realtime incidents, valid values are investigating, identified, monitoring, and resolved."
     * Rollwatch opens realtime incidents only (it sets no {@code scheduled_for}), so the scheduled
     * statuses (scheduled, in_progress, verifying, completed) are wrong here.
     */
    static final Set<String> REALTIME_STATUSES = Set.of("investigating", "identified", "monitoring", "resolved");
    /** {@code impact_override}: "one of none|minor|major|critical". */
    static final Set<String> IMPACTS = Set.of("none", "minor", "major", "critical");
    /** A component's status, the values of the {@code components} map. */
    static final Set<String> COMPONENT_STATUSES =
            Set.of("operational", "under_maintenance", "degraded_performance", "partial_outage", "major_outage");

    private static final Pattern OPEN = Pattern.compile("^/pages/[^/]+/incidents$");
    private static final Pattern UPDATE = Pattern.compile("^/pages/[^/]+/incidents/(?!unresolved$)[^/]+$");
    private static final Pattern UNRESOLVED = Pattern.compile("^/pages/[^/]+/incidents/unresolved$");

    private StatuspageRequestRules() {}

    /**
     * @param path the request's path below the API's base ({@code /pages/...})
     * @param body the request's body, or null for none
     */
    public static List<String> violations(String method, String path, JsonNode body) {
        List<String> violations = new ArrayList<>();
        boolean open = method.equals("POST") && OPEN.matcher(path).matches();
        boolean update = method.equals("PATCH") && UPDATE.matcher(path).matches();
        if (method.equals("GET") && UNRESOLVED.matcher(path).matches()) {
            return violations;
        }
        if (!open && !update) {
            return List.of(method + " " + path + " is none of the incident calls Rollwatch makes");
        }
        if (body == null
                || !body.isObject()
                || body.size() != 1
                || !body.path("incident").isObject()) {
            return List.of("the body is not {\"incident\": {...}}");
        }
        incident(body.get("incident"), open, violations);
        return violations;
    }

    public static void assertConforms(String method, String path, JsonNode body) {
        assertThat(violations(method, path, body))
                .as("Statuspage %s %s %s", method, path, body)
                .isEmpty();
    }

    private static void incident(JsonNode incident, boolean open, List<String> violations) {
        incident.properties().forEach(field -> {
            if (!FIELDS.contains(field.getKey())) {
                violations.add("incident." + field.getKey() + " is not a field of Statuspage's incidents");
            } else if (BOOLEANS.contains(field.getKey()) && !field.getValue().isBoolean()) {
                violations.add("incident." + field.getKey() + " is not a boolean");
            }
        });
        JsonNode name = incident.path("name");
        if (open && (!name.isTextual() || name.asText().isBlank())) {
            violations.add("incident.name is missing: Statuspage requires it to create an incident");
        }
        text(incident.path("name"), NAME, "incident.name", violations);
        text(incident.path("body"), BODY, "incident.body", violations);
        oneOf(incident.path("status"), REALTIME_STATUSES, "incident.status", violations);
        oneOf(incident.path("impact_override"), IMPACTS, "incident.impact_override", violations);
        components(incident, violations);
        JsonNode metadata = incident.path("metadata");
        if (!metadata.isMissingNode()) {
            // "Attach a json object to the incident. All top-level values in the object must also be objects."
            if (!metadata.isObject()) {
                violations.add("incident.metadata is not an object");
            }
            metadata.properties().forEach(entry -> {
                if (!entry.getValue().isObject()) {
                    violations.add("incident.metadata." + entry.getKey() + " is not an object");
                }
            });
        }
    }

    private static void components(JsonNode incident, List<String> violations) {
        JsonNode ids = incident.path("component_ids");
        List<String> affected = new ArrayList<>();
        if (!ids.isMissingNode()) {
            if (!ids.isArray()) {
                violations.add("incident.component_ids is not a list");
            }
            for (JsonNode id : ids) {
                if (!id.isTextual() || id.asText().isBlank()) {
                    violations.add("incident.component_ids has " + id + ", not a component id");
                }
                affected.add(id.asText());
            }
        }
        JsonNode components = incident.path("components");
        if (components.isMissingNode()) {
            return;
        }
        if (!components.isObject()) {
            violations.add("incident.components is not a map of component id to status");
            return;
        }
        if (incident.path("backfilled").asBoolean(false)) {
            // "Controls whether incident is backfilled. If true, components cannot be specified."
            violations.add("incident.components is set on a backfilled incident");
        }
        for (Map.Entry<String, JsonNode> component : components.properties()) {
            oneOf(component.getValue(), COMPONENT_STATUSES, "incident.components." + component.getKey(), violations);
            // "Map of status changes to apply to affected components": the ones component_ids names.
            if (!affected.contains(component.getKey())) {
                violations.add("incident.components." + component.getKey() + " is not in incident.component_ids");
            }
        }
    }

    private static void text(JsonNode value, int max, String path, List<String> violations) {
        if (value.isMissingNode()) {
            return;
        }
        if (!value.isTextual()) {
            violations.add(path + " is not text");
        } else if (value.asText().length() > max) {
            violations.add(path + " has " + value.asText().length() + " characters, more than " + max);
        }
    }

    private static void oneOf(JsonNode value, Set<String> allowed, String path, List<String> violations) {
        if (!value.isMissingNode() && !allowed.contains(value.asText(null))) {
            violations.add(path + " is " + value + ", not one of " + new TreeSet<>(allowed));
        }
    }
}
