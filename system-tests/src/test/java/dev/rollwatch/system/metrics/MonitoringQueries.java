package dev.rollwatch.system.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rollwatch.system.metrics.MetricCoverage.Query;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The queries Rollwatch's monitoring runs, taken from the rendered Kubernetes manifests (what is
 * installed): every target of every panel of the Grafana dashboards (ConfigMaps labelled
 * {@code grafana_dashboard}) and every rule of every PrometheusRule.
 */
final class MonitoringQueries {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private MonitoringQueries() {}

    static List<Query> of(Path renderedManifests) {
        try {
            return of(Files.readString(renderedManifests));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Query> of(String renderedManifests) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode object : objects(renderedManifests)) {
            String kind = object.path("kind").asText();
            if (kind.equals("ConfigMap")
                    && object.at("/metadata/labels/grafana_dashboard").isTextual()) {
                object.path("data").forEach(dashboard -> queries.addAll(panelQueries(dashboard.asText())));
            } else if (kind.equals("PrometheusRule")) {
                queries.addAll(ruleQueries(object));
            }
        }
        return queries;
    }

    private static List<Query> panelQueries(String dashboardJson) {
        List<Query> queries = new ArrayList<>();
        try {
            for (JsonNode panel : JSON.readTree(dashboardJson).path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new Query(
                            "panel \"" + panel.path("title").asText() + "\" "
                                    + target.path("refId").asText(),
                            target.path("expr").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable dashboard", e);
        }
        return queries;
    }

    private static List<Query> ruleQueries(JsonNode prometheusRule) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode group : prometheusRule.at("/spec/groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.has("alert")
                        ? "alert " + rule.path("alert").asText()
                        : "recording rule " + rule.path("record").asText();
                queries.add(new Query(name, rule.path("expr").asText()));
            }
        }
        return queries;
    }

    private static List<JsonNode> objects(String yaml) {
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && node.isObject()) {
                    objects.add(node);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable manifests", e);
        }
        return objects;
    }
}
