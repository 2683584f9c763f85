package dev.rollwatch.executor.domain;

import dev.rollwatch.events.Weights;
import java.util.Map;

/**
 * The stable state a release replaces, recorded before its first change so that a rollback
 * restores exactly it.
 *
 * @param image           the stable container's image
 * @param revision        the Deployment's revision ({@code deployment.kubernetes.io/revision}, else its generation)
 * @param replicas        spec.replicas of the stable Deployment
 * @param podTemplate     the stable pod template as JSON (what {@code kubectl rollout undo} restores)
 * @param deploymentStrategy the Deployment's update strategy as JSON (the rolling strategy may change it)
 * @param serviceSelector the Service's selector (blue-green switches it); null when there is no Service
 * @param routing         the traffic router's object as it was (JSON), null when it did not exist
 * @param weights         the traffic weights before the release
 * @param release         the release the stable Deployment's template came from (its {@code rollwatch.dev/release}
 *                        annotation); null when none is marked (or the snapshot predates the mark)
 * @param trackServiceSelector the selector of the canary (or preview) Service the release points at its new pods,
 *                        as it was; null when the release created it, uses none, or the snapshot predates the field
 */
public record StableSnapshot(
        String image,
        String revision,
        int replicas,
        String podTemplate,
        String deploymentStrategy,
        Map<String, String> serviceSelector,
        String routing,
        Weights weights,
        String release,
        Map<String, String> trackServiceSelector) {

    public StableSnapshot {
        serviceSelector = serviceSelector == null ? null : Map.copyOf(serviceSelector);
        trackServiceSelector = trackServiceSelector == null ? null : Map.copyOf(trackServiceSelector);
    }
}
