package dev.rollwatch.events.validation;

import static dev.rollwatch.events.validation.FieldFormats.dnsLabel;
import static dev.rollwatch.events.validation.FieldFormats.dnsSubdomain;
import static dev.rollwatch.events.validation.FieldFormats.maxLength;

import dev.rollwatch.events.Strategy;
import dev.rollwatch.events.TrafficRouter;
import java.util.Map;

/**
 * What splits a canary's traffic. Judged against the strategy too, since only a canary has traffic to
 * split.
 */
final class TrafficRouterRules {

    /** Router settings are a handful of names (a route, a gateway): a few, short. */
    static final int MAX_OPTIONS = 16;

    static final int MAX_OPTION_NAME_LENGTH = 63;
    static final int MAX_OPTION_VALUE_LENGTH = 1024;

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
        options(errors, router.options());
    }

    private static void options(Errors errors, Map<String, String> options) {
        if (options == null) {
            return;
        }
        if (options.size() > MAX_OPTIONS) {
            errors.add("trafficRouter.options", "must not have more than " + MAX_OPTIONS + " entries");
            return;
        }
        options.forEach((name, value) -> {
            if (name == null || name.isBlank() || name.length() > MAX_OPTION_NAME_LENGTH) {
                errors.add("trafficRouter.options", "names must be 1 to " + MAX_OPTION_NAME_LENGTH + " characters");
            } else if (value == null) {
                errors.add("trafficRouter.options." + name, "must be a string");
            } else {
                maxLength(errors, "trafficRouter.options." + name, value, MAX_OPTION_VALUE_LENGTH);
            }
        });
    }
}
