package dev.rollwatch.rollback.config;

import dev.rollwatch.events.RollbackPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the rollback-service decides, and how it verifies restores. */
@ConfigMapping(prefix = "rollwatch.rollback")
public interface RollbackConfig {

    /**
     * The policy of a release whose request names none: {@code automatic} (roll back at once),
     * {@code manual} (recommend, wait for an operator, roll back at the deadline) or {@code freeze}
     * (hold and alert, never roll back).
     */
    @WithDefault("automatic")
    RollbackPolicy defaultPolicy();

    /**
     * How long a {@code health.degraded} for a release whose {@code release.requested} this service
     * has not consumed yet waits for it (topics are consumed independently). Within it the release's
     * own policy decides; after it the default policy does, so a breach is never dropped. Each
     * second of it delays such a rollback, so keep it short.
     */
    @WithDefault("30s")
    Duration unknownReleaseGrace();

    Manual manual();

    Verification verification();

    /** How often due work (deadlines, restore checks, deferred signals) is looked for. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Most items of each kind of due work handled per poll. */
    @WithDefault("50")
    int batchSize();

    /**
     * Restore checks run at once. Each reads the cluster and may wait up to the read timeout on a
     * slow API server; they poll apart from deadlines and deferred signals, which never wait for them.
     */
    @WithDefault("4")
    int checkConcurrency();

    interface Manual {
        /** How long operators have to abort after a rollback is recommended before it rolls back anyway. */
        @WithDefault("10m")
        Duration decisionDeadline();
    }

    interface Verification {

        /** Where restores are verified: {@code kubernetes} (read the cluster) or {@code none} (executor's word only). */
        @WithDefault("kubernetes")
        Cluster cluster();

        /**
         * How long each rollback attempt has to show a verified restore. After the first, the rollback
         * is triggered once more; after the second, people are paged (restoreUnverified).
         */
        @WithDefault("2m")
        Duration deadline();

        /** How often the cluster is read while a restore is awaited. */
        @WithDefault("5s")
        Duration checkInterval();

        /** How long an unverified restore is still checked after the alert, so a late restore is reported. */
        @WithDefault("1h")
        Duration keepChecking();

        /*
         * The versions the routing objects are read at, mapped onto the contract's RouterVersions (see
         * DomainProducer). @WithDefault takes only literals: each equals its RouterVersions.DEFAULT_*
         * (RollbackConfigTest fails when they part), so by default the executor's writes are read back.
         */

        /** The Istio VirtualService version to read. */
        @WithDefault("networking.istio.io/v1")
        String istioApiVersion();

        /** The Gateway API HTTPRoute version to read. */
        @WithDefault("gateway.networking.k8s.io/v1")
        String gatewayApiVersion();

        /** The SMI TrafficSplit version to read. */
        @WithDefault("split.smi-spec.io/v1alpha2")
        String smiApiVersion();
    }

    enum Cluster {
        KUBERNETES,
        NONE
    }
}
