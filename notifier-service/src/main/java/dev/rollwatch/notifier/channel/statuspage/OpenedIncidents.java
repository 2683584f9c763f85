package dev.rollwatch.notifier.channel.statuspage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.events.codec.EventJson;
import java.io.IOException;
import java.util.Optional;

/**
 * Recognises the incident Rollwatch opened for a release. Statuspage has no idempotency key, so the
 * incident carries the release id in its metadata (which the public page does not show), and an
 * attempt that may repeat an unanswered one looks for it among the page's unresolved incidents.
 */
final class OpenedIncidents {

    private static final String KEY = "rollwatch";
    private static final String RELEASE = "release_id";

    private OpenedIncidents() {}

    /** The metadata an opened incident carries: Statuspage wants an object under each top-level key. */
    static ObjectNode metadata(String releaseId) {
        ObjectNode metadata = EventJson.mapper().createObjectNode();
        metadata.putObject(KEY).put(RELEASE, releaseId);
        return metadata;
    }

    /** The release a planned incident-opening payload is about, or null when it carries none. */
    static String releaseOf(String payload) {
        JsonNode release = EventJson.read(payload, ObjectNode.class).at("/incident/metadata/" + KEY + "/" + RELEASE);
        return release.isTextual() ? release.asText() : null;
    }

    /**
     * The id of the unresolved incident opened for the release on the component, if there is one.
     *
     * @param unresolved the answer of {@code GET /pages/{page}/incidents/unresolved}: an array of incidents
     * @throws IOException when the answer is not JSON
     */
    static Optional<String> find(String unresolved, String releaseId, String component) throws IOException {
        JsonNode incidents = EventJson.mapper().readTree(unresolved);
        if (incidents == null || !incidents.isArray()) {
            throw new IOException("not a list of incidents");
        }
        for (JsonNode incident : incidents) {
            if (releaseId.equals(incident.at("/metadata/" + KEY + "/" + RELEASE).asText(null))
                    && affects(incident, component)
                    && incident.path("id").isTextual()) {
                return Optional.of(incident.path("id").asText());
            }
        }
        return Optional.empty();
    }

    private static boolean affects(JsonNode incident, String component) {
        for (JsonNode affected : incident.path("components")) {
            if (component.equals(affected.path("id").asText(null))) {
                return true;
            }
        }
        return false;
    }
}
