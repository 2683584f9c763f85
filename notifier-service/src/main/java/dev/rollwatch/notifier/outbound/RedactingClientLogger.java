package dev.rollwatch.notifier.outbound;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import org.jboss.logging.Logger;

/**
 * The REST client's request logger, should anyone turn client logging on: it prints the method, the
 * host and the status, never a path, a query, a header or a body, because those carry the Slack bot
 * token, incoming-webhook URLs and the Statuspage API key.
 */
public class RedactingClientLogger implements org.jboss.resteasy.reactive.client.api.ClientLogger {

    private static final Logger LOG = Logger.getLogger(RedactingClientLogger.class);

    @Override
    public void setBodySize(int bodySize) {
        // Bodies are never logged.
    }

    @Override
    public void logRequest(HttpClientRequest request, Buffer body, boolean omitBody) {
        LOG.debugf("%s %s:%d", request.getMethod(), request.getHost(), request.getPort());
    }

    @Override
    public void logResponse(HttpClientResponse response, boolean redirect) {
        LOG.debugf(
                "%s %s:%d -> %d",
                response.request().getMethod(),
                response.request().getHost(),
                response.request().getPort(),
                response.statusCode());
    }
}
