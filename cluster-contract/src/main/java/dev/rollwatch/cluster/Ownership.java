package dev.rollwatch.cluster;

import java.util.Map;
import java.util.Optional;

/**
 * Whether a release may adopt an object that already exists under a name it would create (a canary or
 * preview Deployment, a canary or preview Service, an NGINX canary Ingress). The executor rewrites such
 * objects wholesale (template, replicas, selector, spec) and a name is easily shared by accident or on
 * purpose ({@code trafficRouter.canaryService} naming another application's Service), so a name alone
 * proves nothing: the object must carry Rollwatch's {@link Marks#MANAGED_BY} label and name this
 * release's stable Deployment in {@link Marks#STABLE_DEPLOYMENT}. Objects created before that
 * annotation was written on Services and Ingresses are adopted only by the release that created them.
 */
public final class Ownership {

    private Ownership() {}

    /**
     * Why the release must not adopt the object; empty when it may.
     *
     * @param object           what the object is, for the reason ("Service shop/payments")
     * @param labels           its labels (null: none)
     * @param annotations      its annotations (null: none)
     * @param stableDeployment the stable Deployment of the release that wants it
     * @param releaseId        that release
     */
    public static Optional<String> refusal(
            String object,
            Map<String, String> labels,
            Map<String, String> annotations,
            String stableDeployment,
            String releaseId) {
        String manager = labels == null ? null : labels.get(Marks.MANAGED_BY);
        if (!Marks.MANAGER.equals(manager)) {
            return Optional.of(object + " already exists and Rollwatch did not create it (its " + Marks.MANAGED_BY
                    + " label is " + (manager == null ? "missing" : "'" + manager + "'")
                    + "): the release does not take over objects it does not own; have the release use another "
                    + "name, or, if the object is this application's to hand over, label it " + Marks.MANAGED_BY + "="
                    + Marks.MANAGER + " and annotate it " + Marks.STABLE_DEPLOYMENT + "=" + stableDeployment);
        }
        String owner = annotations == null ? null : annotations.get(Marks.STABLE_DEPLOYMENT);
        if (owner == null) {
            String release = annotations == null ? null : annotations.get(Marks.RELEASE);
            if (releaseId.equals(release)) {
                return Optional.empty();
            }
            return Optional.of(object + " was created by Rollwatch for another release (" + release
                    + ") and does not say which Deployment it belongs to: annotate it with "
                    + Marks.STABLE_DEPLOYMENT + "=" + stableDeployment + " to hand it to this release");
        }
        if (!owner.equals(stableDeployment)) {
            return Optional.of(object + " belongs to the releases of Deployment " + owner + " ("
                    + Marks.STABLE_DEPLOYMENT + "), not of " + stableDeployment);
        }
        return Optional.empty();
    }
}
