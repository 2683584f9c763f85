package dev.rollwatch.healthmonitor.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real HTTP traffic at a steady rate to one URL on this machine, bounded in time: it stops by itself
 * after {@code maxDuration} even if a test forgets to close it.
 */
public final class TrafficGenerator implements AutoCloseable {

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "traffic-generator");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong sent = new AtomicLong();

    private TrafficGenerator(String url, int perSecond, Duration maxDuration) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long periodMicros = 1_000_000L / perSecond;
        ticks.scheduleAtFixedRate(
                () -> {
                    sent.incrementAndGet();
                    client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
                },
                0,
                periodMicros,
                TimeUnit.MICROSECONDS);
        ticks.schedule(ticks::shutdownNow, maxDuration.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static TrafficGenerator start(String url, int perSecond, Duration maxDuration) {
        return new TrafficGenerator(url, perSecond, maxDuration);
    }

    public long sent() {
        return sent.get();
    }

    @Override
    public void close() {
        ticks.shutdownNow();
    }
}
