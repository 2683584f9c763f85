package dev.rollwatch.healthmonitor.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small real HTTP service instrumented like a Quarkus or Spring Boot one: a Micrometer timer
 * {@code http.server.requests} with a percentile histogram, exposed on {@code /metrics} in the
 * Prometheus text format. The test decides which share of {@code /work} requests fail with a 500 and
 * how long each takes; the latency is real (the response is sent that much later) and so are the
 * counters.
 */
public final class InstrumentedService implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService responders = Executors.newScheduledThreadPool(2);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong requests = new AtomicLong();
    private volatile double errorRatio;
    private volatile long latencyMillis;

    private InstrumentedService(double errorRatio, long latencyMillis) throws IOException {
        this.errorRatio = errorRatio;
        this.latencyMillis = latencyMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.createContext("/work", this::work);
        server.createContext("/metrics", this::metrics);
        server.setExecutor(handlers);
        server.start();
    }

    public static InstrumentedService start(double errorRatio, long latencyMillis) {
        try {
            return new InstrumentedService(errorRatio, latencyMillis);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the instrumented test service", e);
        }
    }

    /** From now on, this share of requests fails and every request takes this long. */
    public void behave(double errorRatio, long latencyMillis) {
        this.errorRatio = errorRatio;
        this.latencyMillis = latencyMillis;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String hostPort() {
        return "127.0.0.1:" + port();
    }

    public String metricsUrl() {
        return "http://" + hostPort() + "/metrics";
    }

    public String workUrl() {
        return "http://" + hostPort() + "/work";
    }

    public long requests() {
        return requests.get();
    }

    private void work(HttpExchange exchange) {
        long started = System.nanoTime();
        long n = requests.getAndIncrement();
        double ratio = errorRatio;
        // Exactly the configured share fails, spread evenly: request n fails when the running total of
        // failures owed crosses a whole number.
        boolean fails = Math.floor((n + 1) * ratio) > Math.floor(n * ratio);
        int status = fails ? 500 : 200;
        long delay = latencyMillis;
        if (delay <= 0) {
            respond(exchange, status, started);
        } else {
            responders.schedule(() -> respond(exchange, status, started), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void respond(HttpExchange exchange, int status, long started) {
        try (exchange) {
            Timer.builder("http.server.requests")
                    .tag("method", "GET")
                    .tag("uri", "/work")
                    .tag("status", String.valueOf(status))
                    .tag("outcome", status >= 500 ? "SERVER_ERROR" : "SUCCESS")
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            exchange.sendResponseHeaders(status, -1);
        } catch (IOException e) {
            // The client gave up on this request; the service goes on.
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        responders.shutdownNow();
        handlers.shutdownNow();
        registry.close();
    }
}
