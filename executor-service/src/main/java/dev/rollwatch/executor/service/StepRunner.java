package dev.rollwatch.executor.service;

import dev.rollwatch.cluster.Marks;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.Weights;
import dev.rollwatch.executor.config.ExecutorConfig;
import dev.rollwatch.executor.domain.DeploymentStatus;
import dev.rollwatch.executor.domain.PlannedStep;
import dev.rollwatch.executor.domain.ReleaseTarget;
import dev.rollwatch.executor.domain.StableSnapshot;
import dev.rollwatch.executor.kubernetes.StepFailure;
import dev.rollwatch.executor.kubernetes.Workloads;
import dev.rollwatch.executor.traffic.RouteSnapshot;
import dev.rollwatch.executor.traffic.Routed;
import dev.rollwatch.executor.traffic.Routers;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Does a step's Kubernetes work: apply it (idempotently, so a step re-run after a crash changes
 * nothing twice), check the workload's readiness, and finish it (shift traffic) once ready. Also
 * records the stable state before the first change and restores it. Blocking: runs on a worker
 * thread. Permanent problems throw {@link StepFailure}; transient ones a
 * {@code TransientKubernetesException}.
 */
@ApplicationScoped
public class StepRunner {

    private static final Logger LOG = Logger.getLogger(StepRunner.class);

    /** The outcome of applying or checking a step. */
    public sealed interface Outcome {
        /** The step is done. */
        record Done(Weights weights, String message) implements Outcome {}

        /** Applied; the workload is not ready yet. */
        record Waiting(String observed) implements Outcome {}
    }

    private final Workloads workloads;
    private final ExecutorConfig config;

    StepRunner(Workloads workloads, ExecutorConfig config) {
        this.workloads = workloads;
        this.config = config;
    }

    /**
     * Reads the stable state the release replaces, after making sure that every object the release
     * would create under a name it does not choose freely (canary or preview Deployment and Service,
     * a router's own object) is either missing or Rollwatch's for this stable Deployment: otherwise the
     * release fails here, before its first change. Changes nothing.
     */
    public StableSnapshot record(RunContext ctx) {
        refuseForeignObjects(ctx);
        return read(ctx);
    }

    /** Reads the stable state as it is (a restore of a release stopped before it recorded). Changes nothing. */
    public StableSnapshot read(RunContext ctx) {
        ReleaseTarget t = ctx.target();
        Deployment deployment = workloads.deployment(t.namespace(), t.deployment());
        PodTemplateSpec template = deployment.getSpec().getTemplate();
        String image = Workloads.container(template, t.container(), "Deployment " + ctx.where(t.deployment()))
                .getImage();
        String revision = Workloads.annotation(deployment, Marks.REVISION);
        if (revision == null) {
            Long generation = deployment.getMetadata().getGeneration();
            revision = generation == null ? "0" : generation.toString();
        }
        int replicas = deployment.getSpec().getReplicas() == null
                ? 1
                : deployment.getSpec().getReplicas();
        Map<String, String> selector = workloads
                .findService(t.namespace(), t.service())
                .map(s -> s.getSpec().getSelector())
                .orElse(null);
        if (ctx.plan().strategy() == Strategy.Type.BLUE_GREEN && selector == null) {
            throw new StepFailure("Service " + ctx.where(t.service()) + " not found: blue-green switches its selector "
                    + "(target.service names it)");
        }
        RouteSnapshot routing =
                ctx.router().snapshot(Routers.contextOf(ctx.request(), t.deployment(), t.canaryDeployment(), replicas));
        String trackService = trackService(ctx);
        Map<String, String> trackSelector = trackService == null
                ? null
                : workloads
                        .findService(t.namespace(), trackService)
                        .map(s -> s.getSpec().getSelector())
                        .orElse(null);
        var serialization = workloads.serialization();
        return new StableSnapshot(
                image,
                revision,
                replicas,
                serialization.asJson(template),
                deployment.getSpec().getStrategy() == null
                        ? null
                        : serialization.asJson(deployment.getSpec().getStrategy()),
                selector,
                routing.json(),
                routing.weights(),
                Workloads.annotation(deployment, Marks.RELEASE),
                trackSelector);
    }

    private void refuseForeignObjects(RunContext ctx) {
        ReleaseTarget t = ctx.target();
        String track = ctx.plan().strategy() == Strategy.Type.BLUE_GREEN ? t.previewDeployment() : t.canaryDeployment();
        if (ctx.plan().strategy() != Strategy.Type.ROLLING) {
            workloads
                    .findDeployment(t.namespace(), track)
                    .ifPresent(d -> Workloads.refuseIfForeign(
                            d, "Deployment " + ctx.where(track), t.deployment(), ctx.releaseId()));
        }
        String trackService = trackService(ctx);
        if (trackService != null) {
            workloads
                    .findService(t.namespace(), trackService)
                    .ifPresent(s -> Workloads.refuseIfForeign(
                            s, "Service " + ctx.where(trackService), t.deployment(), ctx.releaseId()));
        }
        ctx.router().foreignObject(ctx.route()).ifPresent(reason -> {
            throw new StepFailure(reason);
        });
    }

    /** The Service the release points at its new pods (canary Service of a router, preview Service); null: none. */
    private static String trackService(RunContext ctx) {
        return switch (ctx.plan().strategy()) {
            case CANARY -> ctx.router().needsCanaryService() ? ctx.route().canaryService() : null;
            case BLUE_GREEN -> ctx.target().previewService();
            default -> null;
        };
    }

    /** Applies the step, then checks it (and finishes it if ready). */
    public Outcome apply(RunContext ctx, PlannedStep step) {
        ReleaseTarget t = ctx.target();
        StableSnapshot stable = ctx.stable();
        switch (step.action()) {
            case SET_WEIGHT -> {
                int canary = ctx.router().canaryReplicas(stable.replicas(), step.weight());
                workloads.ensureTrackDeployment(
                        t.namespace(),
                        t.deployment(),
                        t.canaryDeployment(),
                        ctx.releaseId(),
                        stableSelector(ctx),
                        track("canary"),
                        newTemplate(ctx, "canary"),
                        canary);
                if (ctx.router().needsCanaryService() && step.weight() > 0) {
                    ensureTrackService(ctx, ctx.route().canaryService(), "canary");
                }
            }
            case PROMOTE, SCALE_DOWN ->
                workloads.setTemplate(
                        t.namespace(),
                        t.deployment(),
                        newTemplate(ctx, null),
                        stable.replicas(),
                        null,
                        ctx.releaseId());
            case DEPLOY_PREVIEW -> {
                Strategy.BlueGreen options = ctx.request().strategy().blueGreen();
                int replicas = options != null && options.previewReplicas() != null
                        ? options.previewReplicas()
                        : Math.max(stable.replicas(), 1);
                workloads.ensureTrackDeployment(
                        t.namespace(),
                        t.deployment(),
                        t.previewDeployment(),
                        ctx.releaseId(),
                        stableSelector(ctx),
                        track("preview"),
                        newTemplate(ctx, "preview"),
                        replicas);
                if (t.previewService() != null) {
                    ensureTrackService(ctx, t.previewService(), "preview");
                }
            }
            case ROLLING_UPDATE ->
                workloads.setTemplate(
                        t.namespace(),
                        t.deployment(),
                        newTemplate(ctx, null),
                        null,
                        rollingStrategy(ctx),
                        ctx.releaseId());
            case SWITCH_TRAFFIC -> {
                // Nothing to apply: the switch happens once the preview is (still) ready.
            }
            default -> throw new IllegalStateException(step + " is not applied to the cluster");
        }
        return check(ctx, step);
    }

    /** Checks an applied step's workload and finishes the step when it is ready. */
    public Outcome check(RunContext ctx, PlannedStep step) {
        ReleaseTarget t = ctx.target();
        StableSnapshot stable = ctx.stable();
        return switch (step.action()) {
            case SET_WEIGHT ->
                whenReady(t, t.canaryDeployment(), ready -> {
                    Routed routed = ctx.router().route(ctx.route(), step.weight());
                    return new Outcome.Done(
                            routed.weights(),
                            "canary " + t.canaryDeployment() + " ready (" + ready.ready() + "/" + ready.desired()
                                    + " pods); " + routed.description());
                });
            case PROMOTE ->
                whenReady(t, t.deployment(), ready -> {
                    Routed routed = ctx.router().route(ctx.route(), 0);
                    workloads.scaleTrack(t.namespace(), t.deployment(), t.canaryDeployment(), ctx.releaseId(), 0);
                    return new Outcome.Done(
                            routed.weights(),
                            "promoted: " + t.deployment() + " runs " + t.image() + " ("
                                    + ready.ready() + "/" + ready.desired() + " ready); " + routed.description()
                                    + "; canary "
                                    + t.canaryDeployment() + " scaled to 0");
                });
            case DEPLOY_PREVIEW ->
                whenReady(
                        t,
                        t.previewDeployment(),
                        ready -> new Outcome.Done(
                                Weights.ALL_STABLE,
                                "preview " + t.previewDeployment() + " ready (" + ready.ready() + "/" + ready.desired()
                                        + " pods)"
                                        + (t.previewService() != null
                                                ? "; Service " + t.previewService() + " reaches it"
                                                : "")));
            case SWITCH_TRAFFIC ->
                whenReady(t, t.previewDeployment(), ready -> {
                    Map<String, String> selector = new LinkedHashMap<>(stable.serviceSelector());
                    selector.putAll(track("preview"));
                    workloads.setSelector(t.namespace(), t.service(), selector);
                    return new Outcome.Done(
                            new Weights(100, 0),
                            "Service " + t.service() + " now selects the preview pods ("
                                    + config.trackLabel() + "=preview, " + ready.ready() + " ready); " + t.deployment()
                                    + " keeps running until the scale-down");
                });
            case SCALE_DOWN ->
                whenReady(t, t.deployment(), ready -> {
                    workloads.setSelector(t.namespace(), t.service(), stable.serviceSelector());
                    workloads.scaleTrack(t.namespace(), t.deployment(), t.previewDeployment(), ctx.releaseId(), 0);
                    return new Outcome.Done(
                            Weights.ALL_STABLE,
                            t.deployment() + " runs " + t.image() + " ("
                                    + ready.ready() + "/" + ready.desired() + " ready); Service " + t.service()
                                    + " selects it again; the old version is gone and preview " + t.previewDeployment()
                                    + " is scaled to 0");
                });
            case ROLLING_UPDATE ->
                whenReady(
                        t,
                        t.deployment(),
                        ready -> new Outcome.Done(
                                Weights.ALL_STABLE,
                                t.deployment() + " rolled out " + t.image() + " (" + ready.ready() + "/"
                                        + ready.desired() + " ready)"));
            default -> throw new IllegalStateException(step + " has no readiness to check");
        };
    }

    /**
     * Restores the recorded stable state: traffic back on stable first, then the stable Deployment
     * and Service as they were, then the canary/preview scaled to zero. Idempotent.
     */
    public String restore(RunContext ctx) {
        ReleaseTarget t = ctx.target();
        StableSnapshot stable = ctx.stable();
        List<String> done = new ArrayList<>();
        ctx.router().restore(ctx.route(), new RouteSnapshot(stable.routing(), stable.weights()));
        done.add("traffic " + stable.weights().stable() + "% to stable");
        if (stable.serviceSelector() != null
                && workloads.setSelector(t.namespace(), t.service(), stable.serviceSelector())) {
            done.add("Service " + t.service() + " selects the stable pods again");
        }
        var serialization = workloads.serialization();
        PodTemplateSpec template = serialization.unmarshal(stable.podTemplate(), PodTemplateSpec.class);
        DeploymentStrategy strategy = stable.deploymentStrategy() == null
                ? null
                : serialization.unmarshal(stable.deploymentStrategy(), DeploymentStrategy.class);
        boolean changed = workloads.setTemplate(
                t.namespace(), t.deployment(), template, stable.replicas(), strategy, stable.release());
        done.add(t.deployment() + (changed ? " restored to " : " still runs ") + stable.image() + " (revision "
                + stable.revision() + ", " + stable.replicas() + " replicas)");
        String trackService = trackService(ctx);
        if (trackService != null
                && stable.trackServiceSelector() != null
                && workloads.restoreTrackSelector(
                        t.namespace(), t.deployment(), trackService, ctx.releaseId(), stable.trackServiceSelector())) {
            done.add("Service " + trackService + " selects what it selected before the release");
        }
        if (workloads.scaleTrack(t.namespace(), t.deployment(), t.canaryDeployment(), ctx.releaseId(), 0)) {
            done.add(t.canaryDeployment() + " scaled to 0");
        }
        if (workloads.scaleTrack(t.namespace(), t.deployment(), t.previewDeployment(), ctx.releaseId(), 0)) {
            done.add(t.previewDeployment() + " scaled to 0");
        }
        LOG.infof("Release %s: restored the stable state: %s", ctx.releaseId(), String.join("; ", done));
        return "restored: " + String.join("; ", done);
    }

    private Outcome whenReady(
            ReleaseTarget t, String deployment, java.util.function.Function<DeploymentStatus, Outcome> finish) {
        DeploymentStatus status = workloads.status(t.namespace(), deployment);
        return status.rolledOut() ? finish.apply(status) : new Outcome.Waiting(status.describe());
    }

    private PodTemplateSpec newTemplate(RunContext ctx, String trackValue) {
        PodTemplateSpec stable =
                workloads.serialization().unmarshal(ctx.stable().podTemplate(), PodTemplateSpec.class);
        return workloads.withImage(
                stable,
                ctx.target().container(),
                ctx.target().image(),
                trackValue == null ? Map.of() : track(trackValue));
    }

    private Map<String, String> stableSelector(RunContext ctx) {
        Deployment deployment =
                workloads.deployment(ctx.target().namespace(), ctx.target().deployment());
        var selector = deployment.getSpec().getSelector();
        return selector == null || selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    }

    private void ensureTrackService(RunContext ctx, String name, String trackValue) {
        ReleaseTarget t = ctx.target();
        Service stable = workloads
                .findService(t.namespace(), t.service())
                .orElseThrow(() -> new StepFailure("Service " + ctx.where(t.service()) + " not found: the " + trackValue
                        + " Service " + name + " copies its ports and selector"));
        Map<String, String> selector = new LinkedHashMap<>(
                stable.getSpec().getSelector() == null
                        ? Map.of()
                        : stable.getSpec().getSelector());
        selector.putAll(track(trackValue));
        workloads.ensureTrackService(t.namespace(), t.deployment(), name, ctx.releaseId(), stable, selector);
    }

    private DeploymentStrategy rollingStrategy(RunContext ctx) {
        Strategy.Rolling rolling = ctx.request().strategy().rolling();
        if (rolling == null || (rolling.maxSurge() == null && rolling.maxUnavailable() == null)) {
            return null;
        }
        return new DeploymentStrategyBuilder()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxSurge(intOrPercent(rolling.maxSurge(), "25%"))
                .withMaxUnavailable(intOrPercent(rolling.maxUnavailable(), "25%"))
                .endRollingUpdate()
                .build();
    }

    private static IntOrString intOrPercent(String value, String fallback) {
        String v = value != null ? value : fallback;
        return v.endsWith("%") ? new IntOrString(v) : new IntOrString(Integer.parseInt(v));
    }

    private Map<String, String> track(String value) {
        return Map.of(config.trackLabel(), value);
    }
}
