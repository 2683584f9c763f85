package dev.rollwatch.release.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.events.validation.FieldError;
import dev.rollwatch.release.service.RequestConflictException;
import dev.rollwatch.release.service.UnknownReleaseException;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns failures into problems that name what is wrong. */
public class ProblemMappers {

    private static final int RETRY_STREAM_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return Problem.response(
                400,
                "Invalid request",
                e.errors().size() == 1 ? "1 field is invalid" : e.errors().size() + " fields are invalid",
                e.errors());
    }

    /** A wrong type, an unknown enum value or an unknown field (ahead of Quarkus' own mapper). */
    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    /** Not JSON at all (ahead of Quarkus' own mapper). */
    @ServerExceptionMapper(priority = 1)
    public Response unparsable(JsonParseException e) {
        return unreadable(e);
    }

    /**
     * Quarkus reports a body it could not parse at all as a bare 400; give it a problem body that
     * says why. Other statuses pass through unchanged.
     */
    @ServerExceptionMapper(priority = 1)
    public Response webApplication(WebApplicationException e) {
        if (e.getResponse().getStatus() == 400 && !e.getResponse().hasEntity()) {
            Throwable cause = e.getCause();
            if (cause instanceof JsonProcessingException json) {
                return unreadable(json);
            }
            String why = cause != null ? cause.getMessage() : e.getMessage();
            return invalid(new InvalidRequestException(JsonPaths.BODY, "is not valid JSON: " + why));
        }
        return e.getResponse();
    }

    /** Any other unreadable body: named by where the parser stopped, or {@code body} when nowhere in it. */
    @ServerExceptionMapper(priority = 1)
    public Response unreadable(JsonProcessingException e) {
        String field = JsonPaths.of(e);
        if (e instanceof JsonMappingException mapping) {
            return invalid(new InvalidRequestException(field, explain(mapping)));
        }
        return Problem.response(
                400,
                "Invalid request",
                "the body is not valid JSON: " + e.getOriginalMessage(),
                List.of(new FieldError(field, "is not valid JSON here: " + e.getOriginalMessage())));
    }

    @ServerExceptionMapper
    public Response conflict(RequestConflictException e) {
        int status = e.kind() == RequestConflictException.Kind.KEY_REUSED ? 422 : 409;
        return Problem.response(status, "Conflict", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unknownRelease(UnknownReleaseException e) {
        return Problem.response(404, "Not found", e.getMessage());
    }

    /** The status stream is full: try again in a few seconds, another instance may have room. */
    @ServerExceptionMapper
    public Response streamsFull(StreamsFullException e) {
        return Response.fromResponse(Problem.response(503, "Service unavailable", e.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, RETRY_STREAM_AFTER_SECONDS)
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(403, "Forbidden", e.getMessage());
    }

    private static String explain(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof InvalidFormatException format
                && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return "must be one of "
                    + Arrays.stream(format.getTargetType().getEnumConstants())
                            .map(constant -> EventJson.nameOf((Enum<?>) constant))
                            .collect(Collectors.joining(", "));
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null) {
            return "must be " + describe(format.getTargetType()) + " (got " + format.getValue() + ")";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + describe(mismatch.getTargetType()) + ": " + e.getOriginalMessage();
        }
        return "has the wrong type: " + e.getOriginalMessage();
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.time.Instant.class) {
            return "an RFC 3339 timestamp";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a " + type.getSimpleName();
    }
}
