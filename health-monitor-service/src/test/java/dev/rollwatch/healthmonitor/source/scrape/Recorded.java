package dev.rollwatch.healthmonitor.source.scrape;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Scrapes recorded from a Micrometer Prometheus registry (the one Quarkus and Spring Boot use): a
 * timer {@code http.server.requests} with a percentile histogram, tags method, uri, status, outcome.
 * <ul>
 * <li>scrape-0: 100 requests of 20 ms, all 200;</li>
 * <li>scrape-1: 180 more of 20 ms (200) and 20 of 300 ms (500);</li>
 * <li>scrape-2-after-restart: a fresh process that served 50 requests of 20 ms.</li>
 * </ul>
 */
final class Recorded {

    static final HttpTraffic.Names NAMES =
            new HttpTraffic.Names("http_server_requests_seconds", "status", Pattern.compile("5.."));

    private Recorded() {}

    static String text(String name) {
        try (InputStream in = Recorded.class.getResourceAsStream("/recorded/" + name + ".prom")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpTraffic traffic(String name) {
        return HttpTraffic.of(ExpositionParser.parse(text(name)), NAMES);
    }
}
