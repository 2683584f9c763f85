package dev.rollwatch.system.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollwatch.local.LocalSystem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;

/**
 * After a real release: scrapes every service's {@code /q/metrics} the way the ServiceMonitor does (on
 * the management port, no API key) and holds every query of the installed dashboard and alert rules to
 * what they offer.
 */
public final class MonitoringCoverageCheck {

    private static final Path SCRAPES = Path.of("target", "metrics-scrapes");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MonitoringCoverageCheck() {}

    /**
     * Waits up to a minute: a rollback's restore is verified, and its timer first recorded, a little
     * after the release reads rolled back.
     *
     * @param serviceUrl the base URL of a service's management interface (where it serves metrics), by
     *     name
     * @param repository the repository root, whose rendered production manifests are checked
     */
    public static void assertEveryQueryIsServed(UnaryOperator<String> serviceUrl, Path repository) {
        List<MetricCoverage.Query> queries =
                MonitoringQueries.of(repository.resolve("deploy/kubernetes/rendered/production.yaml"));
        assertThat(queries).as("queries of the dashboard and alert rules").isNotEmpty();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(MetricCoverage.problems(queries, scrape(serviceUrl)))
                        .as("queries the services' metrics do not serve")
                        .isEmpty());
    }

    private static Exposition scrape(UnaryOperator<String> serviceUrl) throws IOException, InterruptedException {
        List<String> texts = new ArrayList<>();
        for (String service : LocalSystem.SERVICES) {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(serviceUrl.apply(service) + "/q/metrics"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("GET %s/q/metrics without a key, as Prometheus scrapes it", service)
                    .isEqualTo(200);
            texts.add(response.body());
            // Kept to read what was served when the check fails, and to try the queries offline.
            Files.createDirectories(SCRAPES);
            Files.writeString(SCRAPES.resolve(service + ".prom"), response.body());
        }
        return Exposition.parse(texts.toArray(String[]::new));
    }
}
