package dev.rollwatch.release.api;

import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.events.validation.FieldError;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body larger than {@code quarkus.http.limits.max-body-size} before reading it, with the API's
 * problem body naming {@code body} (Quarkus' own limit answers a bare 413). The limit keeps every
 * accepted request far below what Kafka takes in one record, so nothing accepted can be unpublishable.
 * A chunked body (no {@code Content-Length}) is still cut at the same size by Quarkus itself.
 */
@ApplicationScoped
public class BodyLimit {

    void install(
            @Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        long max = limit.asLongValue();
        String problem = EventJson.write(new Problem(
                "about:blank",
                "Request body too large",
                413,
                "the body is larger than " + max + " bytes",
                List.of(new FieldError(JsonPaths.BODY, "must be at most " + max + " bytes"))));
        // Ahead of Quarkus' body handler and upload limit, which would answer first without a body.
        router.route().order(RouteConstants.ROUTE_ORDER_BODY_HANDLER - 1).handler(context -> {
            if (declaredLength(context.request().getHeader(HttpHeaders.CONTENT_LENGTH)) > max) {
                context.response()
                        .setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(problem);
            } else {
                context.next();
            }
        });
    }

    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
