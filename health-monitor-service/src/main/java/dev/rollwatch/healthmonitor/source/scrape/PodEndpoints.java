package dev.rollwatch.healthmonitor.source.scrape;

import dev.rollwatch.cluster.Marks;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.healthmonitor.config.HealthConfig;
import dev.rollwatch.healthmonitor.domain.TrackMeasurement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Map;

/**
 * Finds the metrics endpoints of a release's pods through the Kubernetes API (read-only: list pods):
 * running pods with an IP, selected by application and track label, scraped on the port and path
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

    /**
     * The label selector of a track, as the executor labels pods: the new version's pods carry the
     * track label ({@code canary}, or {@code preview} in a blue-green release); the stable version's
     * carry none; in a rolling update every pod of the application is the new version's sooner or later.
     */
    public String selector(String application, String track, Strategy.Type strategy) {
        String app = config.applicationLabel() + "=" + application;
        List<String> values = trackValues(track, strategy);
        return switch (values.size()) {
            case 0 -> app + ",!" + config.trackLabel();
            case 1 -> app + "," + config.trackLabel() + "=" + values.get(0);
            default -> app + "," + config.trackLabel() + " in (" + String.join(",", values) + ")";
        };
    }

    /** The track label values of a track's pods; empty when its pods carry no track label. */
    private static List<String> trackValues(String track, Strategy.Type strategy) {
        if (TrackMeasurement.STABLE.equals(track)) {
            return List.of();
        }
        return switch (strategy == null ? Strategy.Type.CANARY : strategy) {
            case CANARY -> List.of(Marks.CANARY_TRACK);
            case BLUE_GREEN -> List.of(Marks.CANARY_TRACK, Marks.PREVIEW_TRACK);
            case ROLLING -> List.of();
        };
    }

    /** The pods' endpoints; the Kubernetes client blocks, so it runs on a worker thread. */
    public Uni<List<String>> find(String namespace, String application, String track, Strategy.Type strategy) {
        return Uni.createFrom()
                .item(() -> list(namespace, application, track, strategy))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * The IPs of every pod of the namespace (not only the release's: a release may list a sidecar or
     * an exporter beside its pods), which bound what a release may list as endpoints. Blocking, so it
     * runs on a worker thread.
     */
    public Uni<PodAddresses> addressesIn(String namespace) {
        return Uni.createFrom()
                .item(() -> new PodAddresses(kubernetes.get().pods().inNamespace(namespace).list().getItems().stream()
                        .filter(p -> p.getStatus() != null)
                        .flatMap(p -> {
                            java.util.stream.Stream<String> ips = p.getStatus().getPodIPs() == null
                                    ? java.util.stream.Stream.empty()
                                    : p.getStatus().getPodIPs().stream().map(PodIP::getIp);
                            return java.util.stream.Stream.concat(
                                    java.util.stream.Stream.ofNullable(
                                            p.getStatus().getPodIP()),
                                    ips);
                        })
                        .toList()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The track's pods in any phase, but not those being deleted; blocking, so it runs on a worker thread. */
    public Uni<List<Pod>> pods(String namespace, String application, String track, Strategy.Type strategy) {
        return Uni.createFrom()
                .item(() -> trackPods(namespace, application, track, strategy).toList())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private java.util.stream.Stream<Pod> trackPods(
            String namespace, String application, String track, Strategy.Type strategy) {
        // Select by application on the server and by track here: one simple equality selector works
        // on every API server, and the track rule (absent label, one of two values) stays in one place.
        List<Pod> pods = kubernetes
                .get()
                .pods()
                .inNamespace(namespace)
                .withLabel(config.applicationLabel(), application)
                .list()
                .getItems();
        return pods.stream()
                .filter(p -> onTrack(p, track, strategy))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null);
    }

    private List<String> list(String namespace, String application, String track, Strategy.Type strategy) {
        return trackPods(namespace, application, track, strategy)
                .filter(p -> p.getStatus() != null
                        && "Running".equals(p.getStatus().getPhase())
                        && p.getStatus().getPodIP() != null)
                .map(this::endpoint)
                .sorted()
                .toList();
    }

    private boolean onTrack(Pod pod, String track, Strategy.Type strategy) {
        Map<String, String> labels = pod.getMetadata().getLabels() == null
                ? Map.of()
                : pod.getMetadata().getLabels();
        String value = labels.get(config.trackLabel());
        List<String> values = trackValues(track, strategy);
        // List.of(...).contains(null) throws: a pod without the label is on no labelled track.
        return values.isEmpty() ? value == null : value != null && values.contains(value);
    }

    private String endpoint(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations() == null
                ? Map.of()
                : pod.getMetadata().getAnnotations();
        String scheme = annotations.getOrDefault(SCHEME_ANNOTATION, "http");
        String port = annotations.getOrDefault(PORT_ANNOTATION, String.valueOf(config.port()));
        String path = annotations.getOrDefault(PATH_ANNOTATION, config.path());
        String ip = pod.getStatus().getPodIP();
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        return scheme + "://" + host + ":" + port + (path.startsWith("/") ? path : "/" + path);
    }
}
