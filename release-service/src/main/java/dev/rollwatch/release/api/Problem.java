package dev.rollwatch.release.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rollwatch.events.validation.FieldError;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem: what went wrong, and for a bad request every offending field.
 *
 * @param type   problem type URI
 * @param title  short summary
 * @param status HTTP status
 * @param detail explanation for this occurrence
 * @param errors offending fields (400 only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(int status, String title, String detail, List<FieldError> errors) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors))
                .build();
    }

    public static Response response(int status, String title, String detail) {
        return response(status, title, detail, null);
    }
}
