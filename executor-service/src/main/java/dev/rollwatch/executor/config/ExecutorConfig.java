package dev.rollwatch.executor.config;

import dev.rollwatch.events.Slo;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the executor runs releases.
 *
 * <p>The Kubernetes connection itself is the Quarkus Kubernetes client's: it reads the in-cluster
 * service account when running in a pod, else {@code KUBECONFIG} (or {@code ~/.kube/config}) and its
 * current context. Override with {@code quarkus.kubernetes-client.api-server-url},
 * {@code quarkus.kubernetes-client.token}, {@code quarkus.kubernetes-client.ca-cert-file},
 * {@code quarkus.kubernetes-client.trust-certs} and {@code quarkus.kubernetes-client.request-timeout}
 * (environment: {@code QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL} and so on). The service account
 * needs the permissions in {@code deploy/kubernetes/base/rbac/executor-service.yaml}.
 *
 * <p>Writes that meet a resourceVersion conflict (HTTP 409) are re-read and retried; the number of
 * retries is SmallRye Fault Tolerance's
 * {@code dev.rollwatch.executor.kubernetes.OptimisticWrites/update/Retry/maxRetries} (default 5).
 */
@ConfigMapping(prefix = "rollwatch.executor")
public interface ExecutorConfig {

    /** How often the executor looks for due work (steps to apply, readiness to check, pauses that ended). */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Most releases advanced per poll pass (across all lanes). */
    @WithDefault("64")
    int batchSize();

    /**
     * Releases whose Kubernetes work runs at the same time on this instance, for steps and again for
     * restores (a restore never waits for a step's slot). A step mostly waits on the API server, so
     * several in flight keep a burst of releases from queueing behind each other.
     */
    @WithDefault("8")
    int parallelism();

    /**
     * How long an instance holds a release while it calls Kubernetes for it (no database transaction is
     * open meanwhile). Once it runs out, another instance (or this one, restarted) takes the work over;
     * the late outcome of the first is then discarded. Longer than one pass's Kubernetes calls can take
     * (request timeout times the calls of a step, conflict retries included), or work is done twice
     * (harmless: every write is "make it so", and only one outcome is recorded).
     */
    @WithDefault("1m")
    Duration leaseDuration();

    /**
     * How long before its lease runs out an instance stops starting Kubernetes writes for the release:
     * at least the Kubernetes client's request timeout ({@code quarkus.kubernetes-client.request-timeout},
     * 10 s), so a write started in time has ended before the lease does and cannot land after another
     * instance (or a restore) took the release over. Must be shorter than {@link #leaseDuration()}.
     */
    @WithDefault("15s")
    Duration leaseWriteMargin();

    /** How long a step may take when the release names no {@code strategy.stepDeadline}. */
    @WithDefault("10m")
    Duration stepDeadline();

    /** How often an applied step's readiness is checked. */
    @WithDefault("1s")
    Duration readinessCheckInterval();

    /** Wait before trying again after a transient Kubernetes error (API server unreachable, 5xx). */
    @WithDefault("2s")
    Duration retryDelay();

    /** Blue-green: how long the old version keeps running after the switch, when the release names no delay. */
    @WithDefault("30s")
    Duration scaleDownDelay();

    /**
     * Rolling: how long the rolled-out version keeps being watched before the release succeeds, when
     * the release names no bake time. A breach during it undoes the update.
     */
    @WithDefault("1m")
    Duration rollingBakeTime();

    /** Name of the canary Deployment: the stable Deployment's name with this suffix. */
    @WithDefault("-canary")
    String canarySuffix();

    /** Name of the blue-green preview Deployment: the stable Deployment's name with this suffix. */
    @WithDefault("-preview")
    String previewSuffix();

    /**
     * Pod label that tells the tracks apart: canary and preview pods carry it with the value
     * {@code canary} or {@code preview}, so Services and routers can select one track.
     */
    @WithDefault("rollwatch.dev/track")
    String trackLabel();

    Routers routers();

    /** API versions of the routing objects, for clusters that serve other versions. */
    /** No step without a verdict. */
    Verdicts verdicts();

    interface Verdicts {
        /**
         * A watched release's step that gives its new version more traffic, or makes it permanent,
         * waits until the health monitor judged the new version HEALTHY at the exposure in force
         * ({@code health.passed}); an operator's resume or promote waives it. Off, steps advance on
         * their timers alone.
         */
        @WithDefault("true")
        boolean required();

        /**
         * The installation's default metric source (the health monitor's
         * {@code rollwatch.health.default-source}): a release naming no source is watched only when
         * this is not {@code none}, and only a watched release waits for verdicts.
         */
        @WithDefault("none")
        Slo.MetricSource.Type defaultMetricSource();
    }

    interface Routers {
        /** Istio VirtualService. */
        @WithDefault("networking.istio.io/v1")
        String istioApiVersion();

        /** Gateway API HTTPRoute. */
        @WithDefault("gateway.networking.k8s.io/v1")
        String gatewayApiVersion();

        /** SMI TrafficSplit (Linkerd serves v1alpha2). */
        @WithDefault("split.smi-spec.io/v1alpha2")
        String smiApiVersion();
    }
}
