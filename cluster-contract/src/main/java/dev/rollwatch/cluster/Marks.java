package dev.rollwatch.cluster;

/**
 * The labels and annotations Rollwatch puts on the objects it writes, and reads back to know which
 * release an object belongs to. Changing a value here changes what running releases are recognised
 * by, so each is part of the contract with clusters that already hold Rollwatch's objects.
 */
public final class Marks {

    /**
     * Label on every object the executor creates (canary and preview Deployments, Services, splits,
     * Ingresses). Without it an existing object is never adopted (see {@link Ownership}).
     */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    /** The {@link #MANAGED_BY} value. */
    public static final String MANAGER = "rollwatch";

    /** Annotation naming the release that last changed the object (its claim on it). */
    public static final String RELEASE = "rollwatch.dev/release";

    /**
     * Annotation naming the stable Deployment an object the executor created belongs to: on canary and
     * preview Deployments (the one they run beside), and on the canary and preview Services and the
     * NGINX canary Ingress. A later release adopts the object only for that Deployment (see
     * {@link Ownership}).
     */
    public static final String STABLE_DEPLOYMENT = "rollwatch.dev/stable-deployment";

    /** Kubernetes' own annotation with a Deployment's rollout revision, read to undo a rolling update. */
    public static final String REVISION = "deployment.kubernetes.io/revision";

    /** The default pod label that tells the tracks apart (see {@link ReleaseObjects#trackLabel()}). */
    public static final String DEFAULT_TRACK_LABEL = "rollwatch.dev/track";

    /** Track label value of canary pods. */
    public static final String CANARY_TRACK = "canary";

    /** Track label value of blue-green preview pods. */
    public static final String PREVIEW_TRACK = "preview";

    private Marks() {}
}
