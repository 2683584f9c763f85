package dev.rollwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** An overlay rendered by {@code kubectl kustomize}, exactly as it would be applied. */
record RenderedManifests(String overlay, List<JsonNode> objects) {

    private static final ObjectMapper YAML = new YAMLMapper();

    /** The committed rendering of an overlay ({@code render.sh} writes it). */
    static RenderedManifests render(String overlay) {
        Path file = Path.of("rendered", overlay + ".yaml");
        try {
            return new RenderedManifests(overlay, parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new AssertionError("Missing " + file + ": run deploy/kubernetes/render.sh", e);
        }
    }

    static List<JsonNode> parse(String yaml) {
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(yaml)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isNull() && !node.isEmpty()) {
                    objects.add(node);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable YAML", e);
        }
        return List.copyOf(objects);
    }

    Stream<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    JsonNode named(String kind, String name) {
        return ofKind(kind)
                .filter(o -> name.equals(o.at("/metadata/name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(overlay + " has no " + kind + " " + name));
    }

    /** Renders an overlay now with {@code kubectl kustomize}. */
    static String kustomize(String overlay) throws IOException, InterruptedException {
        Path dir = Path.of("overlays", overlay);
        Path out = Files.createTempFile("kustomize-", ".yaml");
        Path err = Files.createTempFile("kustomize-", ".err");
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed: " + Files.readString(err));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static boolean kubectlAvailable() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client")
                    .redirectErrorStream(true)
                    .start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
