package dev.rollwatch.healthmonitor.domain.pods;

/**
 * One of the new version's pods as the Kubernetes API showed it.
 *
 * @param name     the pod
 * @param ready    whether its Ready condition is true
 * @param restarts container restarts so far, all containers together
 * @param problem  why a container cannot run (CrashLoopBackOff, ImagePullBackOff, ErrImagePull,
 *                 CreateContainerConfigError...) or was last killed (OOMKilled), or null
 */
public record PodSnapshot(String name, boolean ready, int restarts, String problem) {}
