package dev.rollwatch.healthmonitor.source;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * GETs a metrics answer (a scrape or a Prometheus query) with a cap on its size: the body is counted
 * as it arrives and the connection is dropped the moment it passes the cap, so an endpoint that
 * streams without end costs at most the cap in memory. Redirects are not followed (an address
 * checked against the installation's policy must not lead elsewhere), and a non-2xx answer is failed
 * by its status alone, without reading its body: what a remote server says is never shown to anyone.
 */
@ApplicationScoped
public class BoundedHttp {

    private final HttpClient client;

    public BoundedHttp(Vertx vertx) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(1000)
                // Every watch scrapes or queries each interval; without enough connections they would queue.
                .setMaxPoolSize(64)
                .setKeepAlive(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * The body of a GET, failed with {@link HttpStatusException} for a non-2xx answer, or
     * {@link BodyTooLargeException} once more than {@code maxBytes} arrived (or were announced).
     *
     * @param idle how long the server may stay silent before the request is abandoned
     */
    public Uni<Buffer> get(String url, String accept, long maxBytes, Duration idle) {
        return Uni.createFrom().emitter(emitter -> {
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.GET)
                    .setAbsoluteURI(url)
                    .setFollowRedirects(false)
                    .setIdleTimeout(idle.toMillis())
                    .putHeader(HttpHeaders.ACCEPT, accept);
            Exchange exchange = new Exchange(maxBytes);
            // Called on completion, failure and cancellation (the caller's deadline): only an
            // exchange still running is cut, which frees its connection at once.
            emitter.onTermination(exchange::abandon);
            client.request(options).onComplete(opened -> {
                if (opened.failed()) {
                    exchange.fail(emitter, opened.cause());
                    return;
                }
                exchange.request = opened.result();
                if (exchange.finished) {
                    // Abandoned (the caller's deadline) while the connection was on its way: hang up
                    // instead of sending, or the connection would stay busy reading an answer nobody wants.
                    exchange.request.reset();
                    return;
                }
                exchange.request.send().onComplete(sent -> {
                    if (sent.failed()) {
                        exchange.fail(emitter, sent.cause());
                    } else {
                        exchange.read(sent.result(), emitter);
                    }
                });
            });
        });
    }

    /** One request's state; touched only on its connection's event loop, except abandon. */
    private static final class Exchange {
        private final long maxBytes;
        private final Buffer body = Buffer.buffer();
        private volatile HttpClientRequest request;
        private volatile boolean finished;

        Exchange(long maxBytes) {
            this.maxBytes = maxBytes;
        }

        void read(HttpClientResponse response, io.smallrye.mutiny.subscription.UniEmitter<? super Buffer> emitter) {
            if (finished) {
                // Abandoned while the request was being sent: free the connection now.
                request.reset();
                return;
            }
            // Set before anything can fail: hanging up below resets the stream, which the response reports.
            response.exceptionHandler(e -> fail(emitter, e));
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                fail(emitter, new HttpStatusException(status));
                return;
            }
            String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && announced(length) > maxBytes) {
                fail(emitter, new BodyTooLargeException(maxBytes));
                return;
            }
            response.handler(chunk -> {
                if (finished) {
                    return;
                }
                if ((long) body.length() + chunk.length() > maxBytes) {
                    fail(emitter, new BodyTooLargeException(maxBytes));
                    return;
                }
                body.appendBuffer(chunk);
            });
            response.endHandler(v -> {
                if (!finished) {
                    finished = true;
                    emitter.complete(body);
                }
            });
        }

        void fail(io.smallrye.mutiny.subscription.UniEmitter<?> emitter, Throwable failure) {
            if (finished) {
                return;
            }
            abandon();
            emitter.fail(failure);
        }

        void abandon() {
            if (finished) {
                return;
            }
            finished = true;
            HttpClientRequest r = request;
            if (r != null) {
                // Closes the connection instead of reading (and discarding) the rest of the answer.
                r.reset();
            }
        }

        private static long announced(String length) {
            try {
                return Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /** The server answered with a status other than 2xx; only the status is kept, never the body. */
    public static class HttpStatusException extends RuntimeException {
        private final int status;

        public HttpStatusException(int status) {
            super("answered HTTP " + status, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The answer was larger than the installation allows; it was not read past the cap. */
    public static class BodyTooLargeException extends RuntimeException {
        public BodyTooLargeException(long maxBytes) {
            super("answered more than " + size(maxBytes) + ", the installation's limit", null, false, false);
        }

        private static String size(long bytes) {
            if (bytes % (1024 * 1024) == 0) {
                return bytes / (1024 * 1024) + " MiB";
            }
            if (bytes % 1024 == 0) {
                return bytes / 1024 + " KiB";
            }
            return bytes + " bytes";
        }
    }
}
