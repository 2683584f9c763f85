package dev.rollwatch.benchmarks.footprint;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Notes the first instant each service answers {@code /q/health/ready} with 200, polling every 25 ms
 * while the local system starts them (the system's own wait polls every 250 ms, too coarse for a
 * start time). Polls only services not ready yet, so it costs nothing once they are up.
 */
public final class ReadinessClock implements AutoCloseable {

    private static final Duration EVERY = Duration.ofMillis(25);

    private final Map<String, String> readyUrls;
    private final Map<String, Instant> firstReady = new ConcurrentHashMap<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
    private final Thread thread;
    private volatile boolean running = true;

    private ReadinessClock(Map<String, String> serviceUrls) {
        this.readyUrls = new LinkedHashMap<>();
        serviceUrls.forEach((name, url) -> readyUrls.put(name, url + "/q/health/ready"));
        this.thread = new Thread(this::run, "benchmark-readiness-clock");
        this.thread.setDaemon(true);
    }

    /** @param serviceUrls the base URL of each service's management interface, by service name */
    public static ReadinessClock start(Map<String, String> serviceUrls) {
        ReadinessClock clock = new ReadinessClock(serviceUrls);
        clock.thread.start();
        return clock;
    }

    private void run() {
        while (running && firstReady.size() < readyUrls.size()) {
            readyUrls.forEach((name, url) -> {
                if (!firstReady.containsKey(name) && ready(url)) {
                    firstReady.put(name, Instant.now());
                }
            });
            LockSupport.parkNanos(EVERY.toNanos());
        }
    }

    private boolean ready(String url) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create(url))
                                            .timeout(Duration.ofMillis(500))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
    }

    /** When the service first answered ready, or null if it has not. */
    public Instant firstReady(String service) {
        return firstReady.get(service);
    }

    @Override
    public void close() {
        running = false;
    }
}
