package dev.rollwatch.executor.kubernetes;

import dev.rollwatch.cluster.Marks;
import dev.rollwatch.cluster.Ownership;
import dev.rollwatch.executor.domain.DeploymentStatus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Deployments and Services: reads and idempotent writes ("make it so"), so that a step re-applied
 * after a crash changes nothing twice. Blocking (fabric8); call from a worker thread.
 */
@ApplicationScoped
public class Workloads {

    private final KubernetesClient client;
    private final OptimisticWrites writes;

    Workloads(KubernetesClient client, OptimisticWrites writes) {
        this.client = client;
        this.writes = writes;
    }

    public KubernetesSerialization serialization() {
        return client.getKubernetesSerialization();
    }

    public Optional<Deployment> findDeployment(String namespace, String name) {
        return Optional.ofNullable(writes.read(
                "read Deployment " + namespace + "/" + name,
                () -> client.apps()
                        .deployments()
                        .inNamespace(namespace)
                        .withName(name)
                        .get()));
    }

    public Deployment deployment(String namespace, String name) {
        return findDeployment(namespace, name)
                .orElseThrow(() -> new StepFailure("Deployment " + namespace + "/" + name + " not found"));
    }

    public Optional<Service> findService(String namespace, String name) {
        return Optional.ofNullable(writes.read(
                "read Service " + namespace + "/" + name,
                () -> client.services().inNamespace(namespace).withName(name).get()));
    }

    public DeploymentStatus status(String namespace, String name) {
        return statusOf(deployment(namespace, name));
    }

    public static DeploymentStatus statusOf(Deployment deployment) {
        var status = deployment.getStatus();
        long generation = deployment.getMetadata().getGeneration() == null
                ? 0
                : deployment.getMetadata().getGeneration();
        int desired = deployment.getSpec().getReplicas() == null
                ? 1
                : deployment.getSpec().getReplicas();
        if (status == null) {
            return new DeploymentStatus(deployment.getMetadata().getName(), desired, generation, -1, 0, 0, 0, 0);
        }
        return new DeploymentStatus(
                deployment.getMetadata().getName(),
                desired,
                generation,
                status.getObservedGeneration() == null ? -1 : status.getObservedGeneration(),
                orZero(status.getReplicas()),
                orZero(status.getUpdatedReplicas()),
                orZero(status.getReadyReplicas()),
                orZero(status.getAvailableReplicas()));
    }

    /** The container a release changes: the named one, else the first. */
    public static Container container(PodTemplateSpec template, String name, String where) {
        List<Container> containers = template.getSpec().getContainers();
        if (containers == null || containers.isEmpty()) {
            throw new StepFailure(where + " has no containers");
        }
        if (name == null) {
            return containers.get(0);
        }
        return containers.stream()
                .filter(c -> name.equals(c.getName()))
                .findFirst()
                .orElseThrow(() -> new StepFailure(where + " has no container '" + name + "' (containers: "
                        + String.join(
                                ", ",
                                containers.stream().map(Container::getName).toList()) + ")"));
    }

    /** A copy of {@code template} running {@code image} in {@code container}, with extra pod labels. */
    public PodTemplateSpec withImage(
            PodTemplateSpec template, String container, String image, Map<String, String> extraLabels) {
        PodTemplateSpec copy = serialization().clone(template);
        container(copy, container, "the pod template").setImage(image);
        if (!extraLabels.isEmpty()) {
            Map<String, String> labels = new LinkedHashMap<>();
            if (copy.getMetadata().getLabels() != null) {
                labels.putAll(copy.getMetadata().getLabels());
            }
            labels.putAll(extraLabels);
            copy.getMetadata().setLabels(labels);
        }
        return copy;
    }

    /**
     * Makes the canary (or preview) Deployment run {@code template} with {@code replicas} pods,
     * creating it beside the stable one if needed. Its selector is the stable one plus the track label,
     * so its pods never count as the stable Deployment's. An existing Deployment of that name is
     * rewritten only if it is Rollwatch's, for this stable Deployment ({@link Ownership}).
     */
    public void ensureTrackDeployment(
            String namespace,
            String stableName,
            String name,
            String releaseId,
            Map<String, String> stableSelector,
            Map<String, String> trackLabel,
            PodTemplateSpec template,
            int replicas) {
        String what = "write Deployment " + namespace + "/" + name;
        writes.update(what, () -> {
            Deployment existing = client.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
            if (existing == null) {
                Map<String, String> selector = new LinkedHashMap<>(stableSelector);
                selector.putAll(trackLabel);
                Map<String, String> labels = new LinkedHashMap<>(trackLabel);
                labels.put(Marks.MANAGED_BY, Marks.MANAGER);
                Deployment created = new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(namespace)
                        .withLabels(labels)
                        .addToAnnotations(Marks.RELEASE, releaseId)
                        .addToAnnotations(Marks.STABLE_DEPLOYMENT, stableName)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(replicas)
                        .withNewSelector()
                        .withMatchLabels(selector)
                        .endSelector()
                        .withTemplate(template)
                        .endSpec()
                        .build();
                return client.apps()
                        .deployments()
                        .inNamespace(namespace)
                        .resource(created)
                        .create();
            }
            refuseIfForeign(existing, "Deployment " + namespace + "/" + name, stableName, releaseId);
            boolean same = Objects.equals(existing.getSpec().getReplicas(), replicas)
                    && Objects.equals(existing.getSpec().getTemplate(), template)
                    && releaseId.equals(annotation(existing, Marks.RELEASE));
            if (same) {
                return existing;
            }
            existing.getSpec().setReplicas(replicas);
            existing.getSpec().setTemplate(template);
            annotate(existing, Marks.RELEASE, releaseId);
            return client.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .resource(existing)
                    .update();
        });
    }

    /**
     * Scales a canary or preview Deployment down to {@code replicas} if it exists and is this stable
     * Deployment's (a restore must not scale down another application's Deployment that merely has the
     * name). Returns whether it is there to scale.
     */
    public boolean scaleTrack(String namespace, String stableName, String name, String releaseId, int replicas) {
        return scale(
                namespace,
                name,
                replicas,
                existing -> Ownership.refusal(
                                "Deployment " + namespace + "/" + name,
                                existing.getMetadata().getLabels(),
                                existing.getMetadata().getAnnotations(),
                                stableName,
                                releaseId)
                        .isEmpty());
    }

    /** Sets the stable Deployment's replicas (replica-ratio routing). */
    public void scale(String namespace, String name, int replicas) {
        if (!scale(namespace, name, replicas, existing -> true)) {
            throw new StepFailure("Deployment " + namespace + "/" + name + " not found");
        }
    }

    private boolean scale(
            String namespace, String name, int replicas, java.util.function.Predicate<Deployment> mayChange) {
        return writes.update("scale Deployment " + namespace + "/" + name, () -> {
            Deployment existing = client.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
            if (existing == null || !mayChange.test(existing)) {
                return false;
            }
            if (Objects.equals(existing.getSpec().getReplicas(), replicas)) {
                return true;
            }
            existing.getSpec().setReplicas(replicas);
            client.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .resource(existing)
                    .update();
            return true;
        });
    }

    /**
     * Makes the stable Deployment run {@code template} (and {@code replicas}, {@code strategy} when
     * given), annotated with the release whose template it is ({@code release}; null: none). The
     * annotation tells the rollback-service that a newer release now owns the Deployment, so it stops
     * verifying an older release's restore instead of re-triggering it. Returns true when something had
     * to change.
     */
    public boolean setTemplate(
            String namespace,
            String name,
            PodTemplateSpec template,
            Integer replicas,
            DeploymentStrategy strategy,
            String release) {
        return writes.update("update Deployment " + namespace + "/" + name, () -> {
            Deployment existing = client.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
            if (existing == null) {
                throw new StepFailure("Deployment " + namespace + "/" + name + " not found");
            }
            boolean same = Objects.equals(existing.getSpec().getTemplate(), template)
                    && (replicas == null || Objects.equals(existing.getSpec().getReplicas(), replicas))
                    && (strategy == null || Objects.equals(existing.getSpec().getStrategy(), strategy))
                    && Objects.equals(annotation(existing, Marks.RELEASE), release);
            if (same) {
                return false;
            }
            annotate(existing, Marks.RELEASE, release);
            existing.getSpec().setTemplate(template);
            if (replicas != null) {
                existing.getSpec().setReplicas(replicas);
            }
            if (strategy != null) {
                existing.getSpec().setStrategy(strategy);
            }
            client.apps()
                    .deployments()
                    .inNamespace(namespace)
                    .resource(existing)
                    .update();
            return true;
        });
    }

    /** Sets a Service's selector. Returns true when it had to change. */
    public boolean setSelector(String namespace, String name, Map<String, String> selector) {
        return writes.update("update Service " + namespace + "/" + name, () -> {
            Service existing =
                    client.services().inNamespace(namespace).withName(name).get();
            if (existing == null) {
                throw new StepFailure("Service " + namespace + "/" + name + " not found");
            }
            if (Objects.equals(existing.getSpec().getSelector(), selector)) {
                return false;
            }
            existing.getSpec().setSelector(new HashMap<>(selector));
            client.services().inNamespace(namespace).resource(existing).update();
            return true;
        });
    }

    /**
     * Makes a Service that selects one track's pods (the canary Service of a mesh router, the
     * blue-green preview Service): created with the stable Service's ports if missing, its selector
     * kept on the track otherwise. An existing Service is changed only if it is Rollwatch's, for this
     * stable Deployment ({@link Ownership}): otherwise another application's traffic would follow.
     */
    public void ensureTrackService(
            String namespace,
            String stableName,
            String name,
            String releaseId,
            Service stable,
            Map<String, String> selector) {
        writes.update("write Service " + namespace + "/" + name, () -> {
            Service existing =
                    client.services().inNamespace(namespace).withName(name).get();
            if (existing == null) {
                List<ServicePort> ports = stable.getSpec().getPorts().stream()
                        .map(p -> new ServicePortBuilder()
                                .withName(p.getName())
                                .withPort(p.getPort())
                                .withProtocol(p.getProtocol())
                                .withTargetPort(p.getTargetPort())
                                .build())
                        .toList();
                Service created = new ServiceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(namespace)
                        .addToLabels(Marks.MANAGED_BY, Marks.MANAGER)
                        .addToAnnotations(Marks.RELEASE, releaseId)
                        .addToAnnotations(Marks.STABLE_DEPLOYMENT, stableName)
                        .endMetadata()
                        .withNewSpec()
                        .withSelector(selector)
                        .withPorts(ports)
                        .endSpec()
                        .build();
                return client.services()
                        .inNamespace(namespace)
                        .resource(created)
                        .create();
            }
            refuseIfForeign(existing, "Service " + namespace + "/" + name, stableName, releaseId);
            // A Service this release created before the owner annotation existed gets it now.
            boolean attributed = stableName.equals(annotation(existing, Marks.STABLE_DEPLOYMENT));
            if (attributed && Objects.equals(existing.getSpec().getSelector(), selector)) {
                return existing;
            }
            annotate(existing, Marks.STABLE_DEPLOYMENT, stableName);
            existing.getSpec().setSelector(new HashMap<>(selector));
            return client.services().inNamespace(namespace).resource(existing).update();
        });
    }

    /**
     * Puts back the selector a canary or preview Service had before the release, if the Service is
     * still this stable Deployment's ({@link Ownership}). Returns true when it had to change.
     */
    public boolean restoreTrackSelector(
            String namespace, String stableName, String name, String releaseId, Map<String, String> selector) {
        return writes.update("restore Service " + namespace + "/" + name, () -> {
            Service existing =
                    client.services().inNamespace(namespace).withName(name).get();
            if (existing == null
                    || Objects.equals(existing.getSpec().getSelector(), selector)
                    || Ownership.refusal(
                                    name,
                                    existing.getMetadata().getLabels(),
                                    existing.getMetadata().getAnnotations(),
                                    stableName,
                                    releaseId)
                            .isPresent()) {
                return false;
            }
            existing.getSpec().setSelector(new HashMap<>(selector));
            client.services().inNamespace(namespace).resource(existing).update();
            return true;
        });
    }

    /**
     * Marks an object the executor changes for a release with that release's id, and says whether it
     * had to change: the rollback-service reads the mark to tell a newer release's objects from the
     * remains of the one whose restore it verifies.
     */
    public static boolean claim(HasMetadata object, String releaseId) {
        if (releaseId.equals(annotation(object, Marks.RELEASE))) {
            return false;
        }
        annotate(object, Marks.RELEASE, releaseId);
        return true;
    }

    /**
     * Fails the step, before anything is written, when {@code existing} is not Rollwatch's object for
     * this stable Deployment ({@link Ownership}).
     */
    public static void refuseIfForeign(HasMetadata existing, String what, String stableName, String releaseId) {
        Optional<String> refusal = Ownership.refusal(
                what,
                existing.getMetadata().getLabels(),
                existing.getMetadata().getAnnotations(),
                stableName,
                releaseId);
        if (refusal.isPresent()) {
            throw new StepFailure(refusal.get());
        }
    }

    public static String annotation(HasMetadata object, String key) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    /** Sets an annotation, or removes it when {@code value} is null. */
    private static void annotate(HasMetadata object, String key, String value) {
        Map<String, String> annotations = object.getMetadata().getAnnotations() == null
                ? new HashMap<>()
                : new HashMap<>(object.getMetadata().getAnnotations());
        if (value == null) {
            annotations.remove(key);
        } else {
            annotations.put(key, value);
        }
        object.getMetadata().setAnnotations(annotations);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
