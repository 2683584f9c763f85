package dev.rollwatch.release.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where in the body a JSON failure happened, written like the release rules name fields
 * ({@code strategy.canary.steps[1].setWeight}), so every 400 names a field, even one the parser
 * refused before any rule ran (a duplicate key, a number too large).
 */
final class JsonPaths {

    /** The field named when the body as a whole is at fault (empty, not JSON, not an object). */
    static final String BODY = "body";

    private JsonPaths() {}

    static String of(JsonProcessingException e) {
        // A mapping failure with no path is about the body as a whole (an array where an object belongs).
        String path = e instanceof JsonMappingException mapping
                ? mappingPath(mapping)
                : e.getProcessor() instanceof JsonParser parser ? parserPath(parser.getParsingContext()) : "";
        return path.isEmpty() ? BODY : path;
    }

    private static String mappingPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String parserPath(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.push(c.getCurrentName());
            } else if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (!path.isEmpty() && !part.startsWith("[")) {
                path.append('.');
            }
            path.append(part);
        }
        return path.toString();
    }
}
