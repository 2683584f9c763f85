package dev.rollwatch.notifier.channel.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollwatch.events.codec.EventJson;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class OpenedIncidentsTest {

    private static String incident(String id, String releaseId, String component) {
        return "{\"id\":\"" + id + "\",\"name\":\"checkout degraded after a release\",\"status\":\"investigating\","
                + "\"metadata\":" + (releaseId == null ? "{}" : EventJson.write(OpenedIncidents.metadata(releaseId)))
                + ",\"components\":[{\"id\":\"" + component + "\",\"status\":\"degraded_performance\"}]}";
    }

    @Test
    void findsTheIncidentOpenedForTheReleaseOnTheComponent() throws IOException {
        String unresolved = "[" + incident("inc-other", "rel-2", "cmp") + "," + incident("inc-human", null, "cmp") + ","
                + incident("inc-ours", "rel-1", "cmp") + "]";

        assertThat(OpenedIncidents.find(unresolved, "rel-1", "cmp")).contains("inc-ours");
    }

    @Test
    void anIncidentOfTheReleaseOnAnotherComponentIsNotOurs() throws IOException {
        assertThat(OpenedIncidents.find("[" + incident("inc-1", "rel-1", "other") + "]", "rel-1", "cmp"))
                .isEmpty();
        assertThat(OpenedIncidents.find("[]", "rel-1", "cmp")).isEmpty();
    }

    @Test
    void anUnreadableListIsAnErrorNotAnEmptyOne() {
        assertThatThrownBy(() -> OpenedIncidents.find("<html>busy</html>", "rel-1", "cmp"))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> OpenedIncidents.find("{\"incidents\":[]}", "rel-1", "cmp"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void readsTheReleaseBackFromAPlannedPayload() {
        String payload = "{\"incident\":{\"name\":\"n\",\"metadata\":"
                + EventJson.write(OpenedIncidents.metadata("rel-9")) + "}}";

        assertThat(OpenedIncidents.releaseOf(payload)).isEqualTo("rel-9");
        assertThat(OpenedIncidents.releaseOf("{\"incident\":{\"name\":\"planned before metadata\"}}"))
                .isNull();
    }
}
