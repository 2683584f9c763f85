package dev.rollwatch.release.fuzz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rollwatch.events.NotificationTarget;
import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.TrafficRouter;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.events.fixtures.ReleaseRequestBuilder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Release request bodies derived from the request's own structure: a valid request of a random
 * strategy, then zero to three mutations at random places in its tree (a wrong type, a null, a huge
 * string, a number out of range, an unknown field, a missing field, deep nesting, a duplicate key).
 * Mostly-valid input reaches the rules behind the parser, where a fully random body would stop at the
 * first brace. Seeded, so a failing case can be replayed from the seed it prints.
 */
public final class RequestMutator {

    /** Writes nesting far deeper than any parser should accept, to see that the API refuses it cleanly. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamWriteConstraints(
                    StreamWriteConstraints.builder().maxNestingDepth(10_000).build())
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * One generated body and what was done to it, for the failure message.
     *
     * @param application the application the body was generated for (unique to this case)
     * @param releaseId   the client-chosen release id it was generated with, or null
     */
    public record Case(long seed, String json, List<String> mutations, String application, String releaseId) {
        @Override
        public String toString() {
            return "seed " + seed + " " + mutations + " (" + json.length() + " chars)";
        }
    }

    private final Random random;
    private final long seed;

    public RequestMutator(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** A request body: valid, or mutated at up to three places. */
    public Case next() {
        ObjectNode body = validBody();
        String application = body.get("application").asText();
        String releaseId = body.hasNonNull("releaseId") ? body.get("releaseId").asText() : null;
        List<String> mutations = new ArrayList<>();
        String duplicate = null;
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            List<Place> places = places(body);
            Place place = places.get(random.nextInt(places.size()));
            String what = mutate(body, place);
            if (what.startsWith("duplicate ")) {
                duplicate = place.pointer;
            }
            mutations.add(what);
        }
        return new Case(seed, write(body, duplicate), mutations, application, releaseId);
    }

    /** A command body ({@code {"reason": ...}}), valid or mutated. */
    public String nextCommandBody() {
        return switch (random.nextInt(8)) {
            case 0 -> "";
            case 1 -> "{\"reason\": null}";
            case 2 -> "{\"reason\": " + random.nextInt() + "}";
            case 3 -> "{\"reason\": \"" + text(1000 + random.nextInt(2000)) + "\"}";
            case 4 -> "{\"reason\": \"a\", \"reason\": \"b\"}";
            case 5 -> "{\"reasons\": \"typo\"}";
            case 6 -> "[" + "[".repeat(random.nextInt(3000)) + "]";
            default -> "{\"reason\": \"rollout looks wrong\"}";
        };
    }

    private ObjectNode validBody() {
        ReleaseRequestBuilder builder = switch (random.nextInt(3)) {
            case 0 -> ReleaseRequestBuilder.canary();
            case 1 -> ReleaseRequestBuilder.blueGreen();
            default -> ReleaseRequestBuilder.rolling();
        };
        builder.application("fz-" + UUID.randomUUID().toString().substring(0, 8));
        if (random.nextBoolean()) {
            builder.releaseId(null);
        }
        if (random.nextBoolean()) {
            builder.notifications(List.of(
                    new NotificationTarget(NotificationTarget.Type.SLACK, "#releases", null, null, null),
                    new NotificationTarget(
                            NotificationTarget.Type.STATUSPAGE, null, "kctbh9vrtdwd", "yy4r0bcc8w5c", null)));
        }
        ReleaseRequested request = builder.build();
        if (request.strategy().type() == dev.rollwatch.events.Strategy.Type.CANARY && random.nextBoolean()) {
            request = builder.trafficRouter(new TrafficRouter(
                            TrafficRouter.Type.ISTIO, null, null, null, Map.of("route", "primary", "gateway", "mesh")))
                    .build();
        }
        ObjectNode body = EventJson.mapper().valueToTree(request);
        body.remove("requestedAt");
        if (body.has("requestedBy")) {
            ((ObjectNode) body.get("requestedBy")).remove("actor");
        }
        return body;
    }

    /** A place in the tree: its parent container and the field name or index there. */
    private record Place(JsonNode parent, String field, int index, String pointer) {
        JsonNode value() {
            return field != null ? parent.get(field) : parent.get(index);
        }
    }

    private static List<Place> places(ObjectNode root) {
        List<Place> places = new ArrayList<>();
        collect(root, "", places, 0);
        return places;
    }

    /** The request's own structure is a few levels deep; a nesting mutation is not explored further. */
    private static void collect(JsonNode node, String pointer, List<Place> places, int depth) {
        if (depth > 8) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = pointer + "/" + field.getKey();
                places.add(new Place(node, field.getKey(), -1, child));
                collect(field.getValue(), child, places, depth + 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String child = pointer + "/" + i;
                places.add(new Place(node, null, i, child));
                collect(node.get(i), child, places, depth + 1);
            }
        }
    }

    private String mutate(ObjectNode root, Place place) {
        int kind = random.nextInt(9);
        switch (kind) {
            case 0 -> {
                JsonNode wrong = wrongType(place.value());
                set(place, wrong);
                return "wrong type at " + place.pointer + ": " + abbreviate(wrong.toString());
            }
            case 1 -> {
                set(place, NODES.nullNode());
                return "null at " + place.pointer;
            }
            case 2 -> {
                int length = random.nextInt(10) == 0 ? 200_000 + random.nextInt(100_000) : random.nextInt(5000);
                set(place, NODES.textNode(text(length)));
                return "string of " + length + " at " + place.pointer;
            }
            case 3 -> {
                JsonNode number = outOfRange();
                set(place, number);
                return "number " + number + " at " + place.pointer;
            }
            case 4 -> {
                JsonNode target = place.value();
                ObjectNode object = target.isObject() ? (ObjectNode) target : root;
                String name = random.nextBoolean() ? "unknownField" : text(1 + random.nextInt(40));
                object.put(name, "x");
                return "unknown field " + abbreviate(name) + " in " + (target.isObject() ? place.pointer : "/");
            }
            case 5 -> {
                if (place.field != null) {
                    ((ObjectNode) place.parent).remove(place.field);
                } else {
                    ((ArrayNode) place.parent).remove(place.index);
                }
                return "removed " + place.pointer;
            }
            case 6 -> {
                int depth = 10 + random.nextInt(3000);
                set(place, nested(depth));
                return "nesting of " + depth + " at " + place.pointer;
            }
            case 7 -> {
                if (place.field == null) {
                    set(place, NODES.textNode(text(8)));
                    return "string at " + place.pointer;
                }
                return "duplicate " + place.pointer;
            }
            default -> {
                if (place.value().isArray()) {
                    ArrayNode array = (ArrayNode) place.value();
                    int copies = random.nextInt(300);
                    for (int i = 0; i < copies && !array.isEmpty(); i++) {
                        array.add(array.get(0).deepCopy());
                    }
                    return copies + " more elements at " + place.pointer;
                }
                set(place, NODES.textNode(""));
                return "empty string at " + place.pointer;
            }
        }
    }

    private JsonNode wrongType(JsonNode current) {
        List<JsonNode> choices = new ArrayList<>(List.of(
                NODES.textNode("10"),
                NODES.numberNode(10.9),
                NODES.numberNode(7),
                NODES.booleanNode(true),
                NODES.arrayNode().add("x"),
                NODES.objectNode().put("a", 1)));
        choices.removeIf(choice -> choice.getNodeType() == current.getNodeType());
        return choices.get(random.nextInt(choices.size()));
    }

    private JsonNode outOfRange() {
        return switch (random.nextInt(7)) {
            case 0 -> NODES.numberNode(-1);
            case 1 -> NODES.numberNode(Integer.MAX_VALUE);
            case 2 -> NODES.numberNode(Long.MAX_VALUE);
            case 3 -> NODES.numberNode(new java.math.BigInteger("9".repeat(40)));
            case 4 -> NODES.numberNode(1e308);
            case 5 -> NODES.numberNode(-0.0);
            default -> NODES.numberNode(0.5);
        };
    }

    /** Stands for deep nesting in the tree; written out raw, since a tree that deep overflows the stack. */
    private static final String NESTING = "\u0000nesting:";

    private static JsonNode nested(int depth) {
        return NODES.textNode(NESTING + depth);
    }

    private static String nesting(int depth) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            open.append(i % 2 == 0 ? "[" : "{\"a\":");
            close.insert(0, i % 2 == 0 ? "]" : "}");
        }
        return open + "1" + close;
    }

    private static void set(Place place, JsonNode value) {
        if (place.field != null) {
            ((ObjectNode) place.parent).set(place.field, value);
        } else {
            ((ArrayNode) place.parent).set(place.index, value);
        }
    }

    /** Text with the characters that break naive handling: quotes, escapes, controls, non-ASCII, surrogates. */
    private String text(int length) {
        String alphabet = "abcXYZ019-_.:/ \"\\\t\n\u0000\u001féü€\u202e𝄞";
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.appendCodePoint(alphabet.codePointAt(
                    alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
        }
        return text.toString();
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** Writes the tree, repeating the field at {@code duplicate} (a JSON pointer) once with another value. */
    private static String write(JsonNode body, String duplicate) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            write(json, body, "", duplicate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator json, JsonNode node, String pointer, String duplicate) throws IOException {
        if (node.isObject()) {
            json.writeStartObject();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = pointer + "/" + field.getKey();
                json.writeFieldName(field.getKey());
                write(json, field.getValue(), child, duplicate);
                if (child.equals(duplicate)) {
                    json.writeFieldName(field.getKey());
                    json.writeString("second value");
                }
            }
            json.writeEndObject();
        } else if (node.isArray()) {
            json.writeStartArray();
            for (int i = 0; i < node.size(); i++) {
                write(json, node.get(i), pointer + "/" + i, duplicate);
            }
            json.writeEndArray();
        } else if (node.isTextual() && node.asText().startsWith(NESTING)) {
            json.writeRawValue(nesting(Integer.parseInt(node.asText().substring(NESTING.length()))));
        } else {
            EventJson.mapper().writeTree(json, node);
        }
    }
}
