package dev.rollwatch.executor.service;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.executor.domain.Plan;
import dev.rollwatch.executor.domain.ReleaseTarget;
import dev.rollwatch.executor.domain.StableSnapshot;
import dev.rollwatch.executor.domain.Timing;
import dev.rollwatch.executor.traffic.RouteContext;
import dev.rollwatch.executor.traffic.Router;
import dev.rollwatch.executor.traffic.Routers;

/**
 * One release as the step runner sees it.
 *
 * @param request the release request
 * @param target  the Kubernetes objects it works on
 * @param plan    its steps
 * @param timing  its deadlines and intervals
 * @param router  its traffic router
 * @param stable  the recorded stable state (null before it is recorded)
 */
public record RunContext(
        ReleaseRequested request,
        ReleaseTarget target,
        Plan plan,
        Timing timing,
        Router router,
        StableSnapshot stable) {

    public String releaseId() {
        return request.releaseId();
    }

    public RouteContext route() {
        return Routers.contextOf(
                request, target.deployment(), target.canaryDeployment(), stable == null ? 0 : stable.replicas());
    }

    public RunContext withStable(StableSnapshot snapshot) {
        return new RunContext(request, target, plan, timing, router, snapshot);
    }

    public String where(String name) {
        return target.namespace() + "/" + name;
    }
}
