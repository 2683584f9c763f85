package dev.rollwatch.cluster;

import dev.rollwatch.events.ReleaseRequested;
import java.util.Objects;

/**
 * How the Kubernetes objects of a release are named: the stable Deployment and its Service from the
 * request (defaults: the application), the canary and preview Deployments beside the stable one with
 * an installation-wide suffix, and the pod label that tells the tracks apart. The executor creates
 * objects by these names; the rollback-service and the health monitor find them by the same names.
 *
 * @param canarySuffix  appended to the stable Deployment's name for the canary Deployment
 * @param previewSuffix appended to the stable Deployment's name for the blue-green preview Deployment
 * @param trackLabel    pod label whose value is {@link Marks#CANARY_TRACK} or {@link Marks#PREVIEW_TRACK}
 */
public record ReleaseObjects(String canarySuffix, String previewSuffix, String trackLabel) {

    public static final String DEFAULT_CANARY_SUFFIX = "-canary";
    public static final String DEFAULT_PREVIEW_SUFFIX = "-preview";

    public ReleaseObjects {
        Objects.requireNonNull(canarySuffix, "canarySuffix");
        Objects.requireNonNull(previewSuffix, "previewSuffix");
        Objects.requireNonNull(trackLabel, "trackLabel");
        if (canarySuffix.isEmpty() || previewSuffix.isEmpty() || canarySuffix.equals(previewSuffix)) {
            throw new IllegalArgumentException("the canary and preview suffixes must be distinct and not empty");
        }
    }

    /** The names every component uses unless the installation configures others. */
    public static ReleaseObjects defaults() {
        return new ReleaseObjects(DEFAULT_CANARY_SUFFIX, DEFAULT_PREVIEW_SUFFIX, Marks.DEFAULT_TRACK_LABEL);
    }

    /** The stable Deployment a release works on: {@code target.deployment}, else the application. */
    public static String stableDeployment(ReleaseRequested request) {
        ReleaseRequested.Target target = request.target();
        return target != null && target.deployment() != null ? target.deployment() : request.application();
    }

    /** The Service in front of the application: {@code target.service}, else the application. */
    public static String service(ReleaseRequested request) {
        ReleaseRequested.Target target = request.target();
        return target != null && target.service() != null ? target.service() : request.application();
    }

    public String canaryDeployment(String stableDeployment) {
        return stableDeployment + canarySuffix;
    }

    public String previewDeployment(String stableDeployment) {
        return stableDeployment + previewSuffix;
    }
}
