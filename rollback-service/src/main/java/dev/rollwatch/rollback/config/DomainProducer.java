package dev.rollwatch.rollback.config;

import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.Routings;
import dev.rollwatch.rollback.domain.DecisionSettings;
import dev.rollwatch.rollback.domain.RestoreTracker;
import dev.rollwatch.rollback.domain.RollbackDecider;
import dev.rollwatch.rollback.traffic.TrafficChecks;
import dev.rollwatch.rollback.verification.ClusterVerifier;
import dev.rollwatch.rollback.verification.kubernetes.KubernetesClusterVerifier;
import dev.rollwatch.rollback.verification.none.NoClusterVerifier;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the plain-Java decision makers and the configured cluster verifier (singletons: records and final classes need no proxy). */
@ApplicationScoped
public class DomainProducer {

    /** Built at start, so a bad setting stops the service at once, naming the value it refused. */
    @Produces
    @Singleton
    @Startup
    DecisionSettings settings(RollbackConfig config) {
        RollbackConfig.Verification verification = config.verification();
        return new DecisionSettings(
                config.defaultPolicy(),
                config.unknownReleaseGrace(),
                config.manual().decisionDeadline(),
                verification.deadline(),
                verification.checkInterval(),
                verification.keepChecking(),
                verification.cluster() != RollbackConfig.Cluster.NONE);
    }

    @Produces
    @Singleton
    RollbackDecider decider(DecisionSettings settings) {
        return new RollbackDecider(settings);
    }

    @Produces
    @Singleton
    RestoreTracker restoreTracker(DecisionSettings settings) {
        return new RestoreTracker(settings);
    }

    /** The verifier the configuration names; the client is only created when the cluster is read. */
    @Produces
    @Singleton
    ClusterVerifier verifier(RollbackConfig config, Instance<KubernetesClient> client) {
        RollbackConfig.Verification verification = config.verification();
        return switch (verification.cluster()) {
            case KUBERNETES ->
                new KubernetesClusterVerifier(
                        client.get(), new TrafficChecks(Routings.standard(), routerVersions(verification)));
            case NONE -> new NoClusterVerifier();
        };
    }

    /** The configured read versions as the contract's (the executor writes at its own, equal by default). */
    static RouterVersions routerVersions(RollbackConfig.Verification verification) {
        return new RouterVersions(
                verification.istioApiVersion(), verification.gatewayApiVersion(), verification.smiApiVersion());
    }
}
