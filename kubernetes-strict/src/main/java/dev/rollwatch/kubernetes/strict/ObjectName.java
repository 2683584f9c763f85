package dev.rollwatch.kubernetes.strict;

import com.fasterxml.jackson.databind.JsonNode;

/** An object as an API server names it in its answers: {@code Deployment.apps "web"}. */
record ObjectName(String group, String version, String kind, String name) {

    static ObjectName of(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        return new ObjectName(
                slash < 0 ? "" : apiVersion.substring(0, slash),
                slash < 0 ? apiVersion : apiVersion.substring(slash + 1),
                object.path("kind").asText(),
                object.at("/metadata/name").asText());
    }

    @Override
    public String toString() {
        return kind + (group.isEmpty() ? "" : "." + group) + " \"" + name + "\"";
    }
}
