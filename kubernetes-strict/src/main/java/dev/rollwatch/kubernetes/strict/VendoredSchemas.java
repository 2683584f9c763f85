package dev.rollwatch.kubernetes.strict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The official schemas of the kinds in {@code kubernetes-schemas.json}, applied by the validators that
 * the kubernetes-models packages generated from them (vendored by {@code tools/kubernetes-schemas}).
 * Those packages ship compiled validators, not the JSON schemas, so the validators run as they were
 * written, in a Node.js child process (one per instance, fed one object per line). Node.js is found
 * through {@code ROLLWATCH_NODE} or on the PATH.
 */
public final class VendoredSchemas implements AutoCloseable {

    static final String RESOURCES = "/dev/rollwatch/kubernetes/strict/";
    private static final List<String> FILES = List.of("kubernetes-validators.cjs", "re2.wasm");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> kinds;
    private final Process node;
    private final BufferedWriter requests;
    private final BufferedReader answers;
    private long lastId;

    private VendoredSchemas(Set<String> kinds, Process node) {
        this.kinds = kinds;
        this.node = node;
        this.requests = new BufferedWriter(new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8));
        this.answers = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the validators; fails when Node.js cannot be run (strict mode needs it). */
    public static VendoredSchemas start() {
        String executable = nodeExecutable();
        try {
            Path folder = Files.createTempDirectory("rollwatch-kubernetes-schemas");
            for (String file : FILES) {
                try (InputStream in = resource(file)) {
                    Files.copy(in, folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
                folder.resolve(file).toFile().deleteOnExit();
            }
            folder.toFile().deleteOnExit();
            Process node = new ProcessBuilder(
                            executable, folder.resolve(FILES.get(0)).toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return new VendoredSchemas(manifestKinds(), node);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The strict Kubernetes API validates objects with the vendored validators, which run on Node.js 18"
                            + " or newer: install it (run-tests.sh does) or point ROLLWATCH_NODE at it. Starting '"
                            + executable + "' failed: " + e.getMessage(),
                    e);
        }
    }

    /** Whether Node.js can be started here: a caller that can do without schemas asks before {@link #start}. */
    public static boolean available() {
        try {
            Process probe = new ProcessBuilder(nodeExecutable(), "--version")
                    .redirectErrorStream(true)
                    .start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String nodeExecutable() {
        return Optional.ofNullable(System.getenv("ROLLWATCH_NODE"))
                .filter(path -> !path.isBlank())
                .orElse("node");
    }

    /** The "apiVersion/Kind" of every kind with a vendored schema. */
    public Set<String> kinds() {
        return kinds;
    }

    public boolean knows(String apiVersion, String kind) {
        return kinds.contains(apiVersion + "/" + kind);
    }

    /** What the kind's schema refuses in this object; empty when it is valid or its kind has no schema here. */
    public synchronized List<FieldError> validate(JsonNode object) {
        if (!knows(object.path("apiVersion").asText(), object.path("kind").asText())) {
            return List.of();
        }
        long id = ++lastId;
        ObjectNode request = JSON.createObjectNode().put("id", id);
        request.set("object", object);
        JsonNode answer;
        try {
            requests.write(JSON.writeValueAsString(request));
            requests.newLine();
            requests.flush();
            String line = answers.readLine();
            if (line == null) {
                throw new IllegalStateException("the schema validators (Node.js) stopped");
            }
            answer = JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("the schema validators (Node.js) failed", e);
        }
        if (answer.path("id").asLong() != id || answer.has("failure")) {
            throw new IllegalStateException("the schema validators answered " + answer + " to request " + id);
        }
        List<FieldError> errors = new ArrayList<>();
        answer.path("errors")
                .forEach(error -> errors.add(new FieldError(
                        FieldError.fieldOf(error.path("path").asText()),
                        error.path("reason").asText(),
                        error.path("message").asText())));
        return errors;
    }

    private static Set<String> manifestKinds() throws IOException {
        try (InputStream in = resource("kubernetes-schemas.json")) {
            JsonNode manifest = JSON.readTree(in);
            List<String> kinds = new ArrayList<>();
            manifest.path("kinds")
                    .forEach(kind -> kinds.add(kind.path("apiVersion").asText() + "/"
                            + kind.path("kind").asText()));
            return kinds.stream().collect(Collectors.toUnmodifiableSet());
        }
    }

    static InputStream resource(String file) throws IOException {
        InputStream in = VendoredSchemas.class.getResourceAsStream(RESOURCES + file);
        if (in == null) {
            throw new IOException(RESOURCES + file + " is missing: run tools/kubernetes-schemas (npm run vendor)");
        }
        return in;
    }

    @Override
    public void close() {
        node.destroy();
    }
}
