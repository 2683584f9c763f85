package dev.rollwatch.notifier.outbound;

import dev.rollwatch.notifier.config.NotifierConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.resteasy.reactive.client.api.LoggingScope;

/**
 * One HTTP exchange, guarded by SmallRye Fault Tolerance: a connection that could not be opened is
 * retried at once a couple of times (the request never left, so nothing can be posted twice), and
 * the whole exchange is bounded. Longer outages are the dispatcher's business: it retries from the
 * database with backoff, so a restart loses nothing. Never throws for an HTTP status: every answer
 * is an {@link HttpReply}.
 */
@ApplicationScoped
public class HttpExchange {

    private final OutboundApi api;

    HttpExchange(NotifierConfig config) {
        long timeout = config.outbound().timeout().toMillis();
        this.api = QuarkusRestClientBuilder.newBuilder()
                // Every call names its full URL; this base is never contacted.
                .baseUri(URI.create("https://rollwatch-notifier.invalid"))
                // Redirects are validated and followed by the caller, never blindly.
                .followRedirects(false)
                .disableDefaultMapper(true)
                // Headers and URLs hold secrets: client logging stays off, and if it is turned on
                // anyway the logger prints only method, host and status.
                .loggingScope(LoggingScope.NONE)
                .clientLogger(new RedactingClientLogger())
                .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                .userAgent("rollwatch-notifier")
                .build(OutboundApi.class);
    }

    @Timeout(value = 60, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 250, jitter = 100, retryOn = ConnectFailedException.class)
    public Uni<HttpReply> exchange(HttpRequest request) {
        HttpRequest.Signature signature =
                request.cloudEvent() == null ? null : request.cloudEvent().signature();
        Uni<Response> call = switch (request.method()) {
            case POST ->
                request.cloudEvent() == null
                        ? api.postJson(request.url(), request.authorization(), request.body())
                        : api.postCloudEvent(
                                request.url(),
                                signature == null ? null : signature.id(),
                                signature == null ? null : Long.toString(signature.timestamp()),
                                signature == null ? null : signature.value(),
                                request.cloudEvent().id(),
                                request.cloudEvent().type(),
                                request.body());
            case PATCH -> api.patchJson(request.url(), request.authorization(), request.body());
            case GET -> api.get(request.url(), request.authorization());
        };
        return call.map(HttpExchange::reply).onFailure().transform(HttpExchange::classify);
    }

    private static HttpReply reply(Response response) {
        try {
            Map<String, String> headers = new HashMap<>();
            MultivaluedMap<String, String> all = response.getStringHeaders();
            all.forEach((name, values) -> {
                if (!values.isEmpty()) {
                    headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
                }
            });
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            return new HttpReply(response.getStatus(), headers, body);
        } finally {
            response.close();
        }
    }

    /** Sorts failures by what they mean for a retry; messages name only the failure's type. */
    static Throwable classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException
                    || cause instanceof SSLHandshakeException) {
                // The request was never sent: safe to repeat, even for a message that must not go twice.
                return new ConnectFailedException(
                        "could not connect (" + cause.getClass().getSimpleName() + ")");
            }
            if (cause instanceof TimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return new ExchangeFailedException("timed out waiting for the answer");
            }
        }
        List<String> types = new java.util.ArrayList<>();
        for (Throwable cause = failure; cause != null && types.size() < 3; cause = cause.getCause()) {
            types.add(cause.getClass().getSimpleName());
        }
        return new ExchangeFailedException("exchange failed (" + String.join(" < ", types) + ")");
    }
}
