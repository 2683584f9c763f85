package dev.rollwatch.rollback.traffic;

import dev.rollwatch.rollback.domain.Finding;
import java.util.List;
import java.util.stream.Collectors;

/** Judges the routes of one routing object: every route that names the release sends all to stable. */
public final class RouteVerdicts {

    private RouteVerdicts() {}

    public static Finding judge(String object, List<WeightedRoute> routes) {
        List<WeightedRoute> relevant =
                routes.stream().filter(WeightedRoute::namesRelease).toList();
        if (relevant.isEmpty()) {
            return Finding.notVerified(object + " routes nothing to the stable or canary Service");
        }
        List<WeightedRoute> wrong =
                relevant.stream().filter(r -> !r.allToStable()).toList();
        if (!wrong.isEmpty()) {
            return Finding.notVerified(object + " does not send all traffic to stable: "
                    + wrong.stream().map(WeightedRoute::describe).collect(Collectors.joining("; ")));
        }
        return Finding.verified(object + " sends 100% to stable");
    }
}
