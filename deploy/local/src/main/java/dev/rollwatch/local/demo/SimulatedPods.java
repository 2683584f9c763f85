package dev.rollwatch.local.demo;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * SIMULATED: the pods of the simulated cluster's ReplicaSets, kept as a ReplicaSet controller and a
 * kubelet would show them (nothing runs). A pod carries its Deployment's pod template labels and
 * annotations plus {@code pod-template-hash}, and is owned by its ReplicaSet. It is Pending until
 * its Deployment counts it ready, then Running with an IP, Ready, its containers ready and never
 * restarted. A container whose image {@link SimulatedCluster#crashLoops crash-loops} passes its
 * readiness check, serves for one readiness delay, crashes and waits one readiness delay in
 * CrashLoopBackOff (not ready), then runs again: its restart count goes up every two readiness
 * delays, as a kubelet's back-off would show it, only much faster.
 */
final class SimulatedPods {

    private static final String HASH_LABEL = "pod-template-hash";
    /** The characters Kubernetes generates pod name suffixes from. */
    private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final KubernetesClient client;
    private final Duration readinessDelay;
    private final AtomicInteger addresses = new AtomicInteger();

    /**
     * Pods of one Deployment whose containers are crashing right now: they count as neither ready
     * nor available.
     *
     * @param all     of every ReplicaSet
     * @param current of the current ReplicaSet
     */
    record Crashing(int all, int current) {}

    SimulatedPods(KubernetesClient client, Duration readinessDelay) {
        this.client = client;
        this.readinessDelay = readinessDelay;
    }

    /**
     * Brings a Deployment's pods to the counts its rollout has reached: old ReplicaSets' pods are
     * deleted as the current one's replace them, extra pods on a scale-down.
     *
     * @param current      the ReplicaSet of the current pod template
     * @param replicaSets  names of all the Deployment's ReplicaSets, the current one included
     * @param currentPods  pods the current ReplicaSet should have
     * @param currentReady whether the Deployment counts the current ReplicaSet's pods ready (a
     *                     pod that ran once stays Running whatever this says)
     * @param oldPods      pods the other ReplicaSets together should still have
     */
    Crashing reconcile(
            Deployment deployment,
            ReplicaSet current,
            Set<String> replicaSets,
            int currentPods,
            boolean currentReady,
            int oldPods) {
        String namespace = deployment.getMetadata().getNamespace();
        var selector = deployment.getSpec().getSelector();
        var inNamespace = client.pods().inNamespace(namespace);
        // The selector narrows the list; ownership decides, as for a real ReplicaSet.
        List<Pod> listed = selector == null || selector.getMatchLabels() == null
                ? inNamespace.list().getItems()
                : inNamespace.withLabels(selector.getMatchLabels()).list().getItems();
        List<Pod> owned =
                listed.stream().filter(p -> replicaSets.contains(owner(p))).toList();
        String currentName = current.getMetadata().getName();
        Map<Boolean, List<Pod>> byTemplate =
                owned.stream().collect(Collectors.partitioningBy(p -> currentName.equals(owner(p))));
        List<Pod> ofCurrent = new ArrayList<>(scaleDown(byTemplate.get(true), currentPods));
        List<Pod> ofOld = scaleDown(byTemplate.get(false), oldPods);
        while (ofCurrent.size() < currentPods) {
            ofCurrent.add(create(deployment, current));
        }
        Instant now = Instant.now();
        int crashingCurrent = (int)
                ofCurrent.stream().filter(p -> !refresh(p, currentReady, now)).count();
        int crashingOld =
                (int) ofOld.stream().filter(p -> !refresh(p, false, now)).count();
        return new Crashing(crashingCurrent + crashingOld, crashingCurrent);
    }

    /** Keeps {@code keep} pods, deleting first those not ready, then the newest, as a ReplicaSet does. */
    private List<Pod> scaleDown(List<Pod> pods, int keep) {
        List<Pod> ordered = pods.stream()
                .sorted(Comparator.comparing((Pod p) -> ready(p.getStatus()))
                        .reversed()
                        .thenComparing(
                                p -> p.getMetadata().getCreationTimestamp(),
                                Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        List<Pod> kept = ordered.subList(0, Math.min(keep, ordered.size()));
        for (Pod extra : ordered.subList(kept.size(), ordered.size())) {
            client.pods()
                    .inNamespace(extra.getMetadata().getNamespace())
                    .withName(extra.getMetadata().getName())
                    .delete();
        }
        return kept;
    }

    private Pod create(Deployment deployment, ReplicaSet replicaSet) {
        var template = deployment.getSpec().getTemplate();
        String name = replicaSet.getMetadata().getName();
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(name + "-" + suffix())
                .withNamespace(deployment.getMetadata().getNamespace())
                .addToLabels(template.getMetadata().getLabels())
                .addToLabels(HASH_LABEL, replicaSet.getMetadata().getLabels().get(HASH_LABEL))
                .addToAnnotations(template.getMetadata().getAnnotations())
                .addNewOwnerReference()
                .withApiVersion("apps/v1")
                .withKind("ReplicaSet")
                .withName(name)
                .withUid(replicaSet.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .endOwnerReference()
                .endMetadata()
                .withSpec(template.getSpec())
                .editSpec()
                .withNodeName("simulated-node")
                .endSpec()
                .withStatus(pending(
                        template.getSpec().getContainers().stream()
                                .map(c -> c.getName())
                                .toList(),
                        template.getSpec().getContainers().stream()
                                .map(c -> c.getImage())
                                .toList()))
                .build();
        return client.pods()
                .inNamespace(deployment.getMetadata().getNamespace())
                .resource(pod)
                .create();
    }

    /**
     * Writes the pod's status as of {@code now} if it changed; starts it when it may. Returns false
     * when its containers are crashing (it ran, and is not ready now).
     */
    private boolean refresh(Pod pod, boolean mayStart, Instant now) {
        PodStatus status = pod.getStatus();
        boolean started = status != null && status.getStartTime() != null;
        if (!started && !mayStart) {
            return true;
        }
        PodStatus wanted = running(pod, started ? Instant.parse(status.getStartTime()) : now, now);
        if (!fingerprint(wanted).equals(fingerprint(status))) {
            pod.setStatus(wanted);
            client.pods()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .resource(pod)
                    .update();
        }
        return ready(wanted);
    }

    private PodStatus running(Pod pod, Instant startedAt, Instant now) {
        List<ContainerStatus> containers = pod.getSpec().getContainers().stream()
                .map(c -> container(c.getName(), c.getImage(), pod, startedAt, now))
                .toList();
        boolean ready = containers.stream().allMatch(ContainerStatus::getReady);
        return new PodStatusBuilder()
                .withPhase("Running")
                .withStartTime(startedAt.toString())
                .withHostIP("10.0.0.1")
                .withPodIP(address(pod))
                .withConditions(
                        condition("PodScheduled", true),
                        condition("Initialized", true),
                        condition("ContainersReady", ready),
                        condition("Ready", ready))
                .withContainerStatuses(containers)
                .build();
    }

    private ContainerStatus container(String name, String image, Pod pod, Instant startedAt, Instant now) {
        ContainerStatusBuilder status =
                new ContainerStatusBuilder().withName(name).withImage(image).withImageID(image);
        if (!SimulatedCluster.crashLoops(image)) {
            return status.withReady(true)
                    .withStarted(true)
                    .withRestartCount(0)
                    .withNewState()
                    .withNewRunning(startedAt.toString())
                    .endState()
                    .build();
        }
        long delay = Math.max(1, readinessDelay.toMillis());
        long elapsed = Math.max(0, Duration.between(startedAt, now).toMillis());
        // Runs for one delay, then one delay of back-off: crash k comes at (2k - 1) delays.
        int crashes = (int) ((elapsed + delay) / (2 * delay));
        boolean runs = elapsed % (2 * delay) < delay;
        status.withRestartCount(crashes).withReady(runs).withStarted(runs);
        if (crashes > 0) {
            status.withNewLastState()
                    .withNewTerminated()
                    .withExitCode(1)
                    .withReason("Error")
                    .withFinishedAt(
                            startedAt.plusMillis((2L * crashes - 1) * delay).toString())
                    .endTerminated()
                    .endLastState();
        }
        if (runs) {
            status.withNewState()
                    .withNewRunning(startedAt.plusMillis(2L * crashes * delay).toString())
                    .endState();
        } else {
            status.withNewState()
                    .withNewWaiting()
                    .withReason("CrashLoopBackOff")
                    .withMessage("back-off " + readinessDelay.toMillis() + "ms restarting failed container=" + name
                            + " pod=" + pod.getMetadata().getName() + "_"
                            + pod.getMetadata().getNamespace()
                            + "(" + pod.getMetadata().getUid() + ")")
                    .endWaiting()
                    .endState();
        }
        return status.build();
    }

    private static PodStatus pending(List<String> names, List<String> images) {
        List<ContainerStatus> containers = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            containers.add(new ContainerStatusBuilder()
                    .withName(names.get(i))
                    .withImage(images.get(i))
                    // Required by the Pod schema; the kubelet reports it empty until the image is pulled.
                    .withImageID("")
                    .withReady(false)
                    .withStarted(false)
                    .withRestartCount(0)
                    .withNewState()
                    .withNewWaiting()
                    .withReason("ContainerCreating")
                    .endWaiting()
                    .endState()
                    .build());
        }
        return new PodStatusBuilder()
                .withPhase("Pending")
                .withHostIP("10.0.0.1")
                .withConditions(
                        condition("PodScheduled", true),
                        condition("Initialized", true),
                        condition("ContainersReady", false),
                        condition("Ready", false))
                .withContainerStatuses(containers)
                .build();
    }

    /** What people and the health monitor see of a status; the rest only changes with it. */
    private static String fingerprint(PodStatus status) {
        if (status == null) {
            return "";
        }
        String containers = status.getContainerStatuses() == null
                ? ""
                : status.getContainerStatuses().stream()
                        .map(c -> c.getName() + ":" + c.getReady() + ":" + c.getRestartCount() + ":"
                                + (c.getState() != null && c.getState().getWaiting() != null
                                        ? c.getState().getWaiting().getReason()
                                        : "running"))
                        .collect(Collectors.joining(","));
        return status.getPhase() + "|" + status.getPodIP() + "|" + containers;
    }

    private static boolean ready(PodStatus status) {
        return status != null
                && status.getConditions() != null
                && status.getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static PodCondition condition(String type, boolean status) {
        return new PodConditionBuilder()
                .withType(type)
                .withStatus(status ? "True" : "False")
                .build();
    }

    /** A pod keeps the address it was given when it first ran. */
    private String address(Pod pod) {
        if (pod.getStatus() != null && pod.getStatus().getPodIP() != null) {
            return pod.getStatus().getPodIP();
        }
        int n = addresses.incrementAndGet();
        return "10.244." + (n / 250 % 250) + "." + (n % 250 + 1);
    }

    private static String owner(Pod pod) {
        return pod.getMetadata().getOwnerReferences() == null
                ? null
                : pod.getMetadata().getOwnerReferences().stream()
                        .filter(o -> "ReplicaSet".equals(o.getKind()) && Boolean.TRUE.equals(o.getController()))
                        .map(o -> o.getName())
                        .findFirst()
                        .orElse(null);
    }

    private static String suffix() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(SUFFIX_ALPHABET.length())));
        }
        return suffix.toString();
    }
}
