package dev.rollwatch.rollback.traffic;

import dev.rollwatch.cluster.routing.RouteWeights;
import dev.rollwatch.rollback.domain.Finding;
import java.util.List;
import java.util.stream.Collectors;

/** Judges the routes of one routing object: every route that names the release sends all to stable. */
public final class RouteVerdicts {

    private RouteVerdicts() {}

    public static Finding judge(String object, List<RouteWeights> routes) {
        List<RouteWeights> relevant =
                routes.stream().filter(RouteWeights::namesRelease).toList();
        if (relevant.isEmpty()) {
            return Finding.notVerified(object + " routes nothing to the stable or canary Service");
        }
        List<RouteWeights> wrong =
                relevant.stream().filter(r -> !r.allToStable()).toList();
        if (!wrong.isEmpty()) {
            return Finding.notVerified(object + " does not send all traffic to stable: "
                    + wrong.stream().map(RouteWeights::describe).collect(Collectors.joining("; ")));
        }
        return Finding.verified(object + " sends 100% to stable");
    }
}
