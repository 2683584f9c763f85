package dev.rollwatch.healthmonitor.source.scrape;

import dev.rollwatch.healthmonitor.config.HealthConfig;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Map;

/**
 * Finds the metrics endpoints of a release's pods through the Kubernetes API (read-only: list pods):
 * running pods with an IP, labelled with the application and the track, scraped on the port and path
 * of their {@code prometheus.io/*} annotations or the configured defaults.
 */
@ApplicationScoped
public class PodEndpoints {

    static final String PORT_ANNOTATION = "prometheus.io/port";
    static final String PATH_ANNOTATION = "prometheus.io/path";
    static final String SCHEME_ANNOTATION = "prometheus.io/scheme";

    private final Instance<KubernetesClient> kubernetes;
    private final HealthConfig.Scrape.Kubernetes config;

    PodEndpoints(Instance<KubernetesClient> kubernetes, HealthConfig config) {
        this.kubernetes = kubernetes;
        this.config = config.scrape().kubernetes();
    }

    /** The selector, for messages: {@code app=checkout,rollwatch.dev/track=canary}. */
    public String selector(String application, String track) {
        return config.applicationLabel() + "=" + application + "," + config.trackLabel() + "=" + track;
    }

    /** The pods' endpoints; the Kubernetes client blocks, so it runs on a worker thread. */
    public Uni<List<String>> find(String namespace, String application, String track) {
        return Uni.createFrom().item(() -> list(namespace, application, track))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private List<String> list(String namespace, String application, String track) {
        List<Pod> pods = kubernetes.get().pods().inNamespace(namespace)
                .withLabels(Map.of(config.applicationLabel(), application, config.trackLabel(), track))
                .list().getItems();
        return pods.stream()
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())
                        && p.getStatus().getPodIP() != null && p.getMetadata().getDeletionTimestamp() == null)
                .map(this::endpoint)
                .sorted()
                .toList();
    }

    private String endpoint(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations() == null ? Map.of()
                : pod.getMetadata().getAnnotations();
        String scheme = annotations.getOrDefault(SCHEME_ANNOTATION, "http");
        String port = annotations.getOrDefault(PORT_ANNOTATION, String.valueOf(config.port()));
        String path = annotations.getOrDefault(PATH_ANNOTATION, config.path());
        String ip = pod.getStatus().getPodIP();
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        return scheme + "://" + host + ":" + port + (path.startsWith("/") ? path : "/" + path);
    }
}
