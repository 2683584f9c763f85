package dev.rollwatch.events.validation;

import static dev.rollwatch.events.validation.FieldFormats.dnsLabel;
import static dev.rollwatch.events.validation.FieldFormats.dnsSubdomain;

import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.TrafficRouter;

/**
 * What splits a canary's traffic. Judged against the strategy too, since only a canary has traffic to
 * split.
 */
final class TrafficRouterRules {

    private TrafficRouterRules() {}

    static void check(Errors errors, TrafficRouter router, Strategy strategy) {
        if (router == null) {
            return;
        }
        if (router.type() == null) {
            errors.add("trafficRouter.type", "is required: one of replicaRatio, istio, gatewayApi, nginx, smi");
        }
        if (strategy != null && strategy.type() != null && strategy.type() != Strategy.Type.CANARY) {
            errors.add(
                    "trafficRouter",
                    "only applies to canary releases; blueGreen switches the Service selector and rolling updates the Deployment");
        }
        dnsSubdomain(errors, "trafficRouter.resource", router.resource(), false);
        dnsLabel(errors, "trafficRouter.stableService", router.stableService(), false);
        dnsLabel(errors, "trafficRouter.canaryService", router.canaryService(), false);
        if (router.stableService() != null && router.stableService().equals(router.canaryService())) {
            errors.add("trafficRouter.canaryService", "must differ from trafficRouter.stableService");
        }
    }
}
