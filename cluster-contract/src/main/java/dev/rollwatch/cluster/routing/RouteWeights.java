package dev.rollwatch.cluster.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * The weights one route (an Istio http route, an HTTPRoute rule, a TrafficSplit, a canary Ingress)
 * gives its backends, sorted into stable, canary and anything else, so every router is read the same
 * way: how much the canary gets, and whether the stable version gets all of it.
 */
public final class RouteWeights {

    private final String label;
    private boolean namesRelease;
    private double stable;
    private double canary;
    private double other;
    private final List<String> others = new ArrayList<>();

    /** @param label how people know the route, e.g. {@code route 'primary'} or {@code rule 2}; null for the only one */
    public RouteWeights(String label) {
        this.label = label == null ? "route" : label;
    }

    public RouteWeights stable(double weight) {
        namesRelease = true;
        stable += weight;
        return this;
    }

    public RouteWeights canary(double weight) {
        namesRelease = true;
        canary += weight;
        return this;
    }

    public RouteWeights other(String backend, double weight) {
        if (weight > 0) {
            other += weight;
            others.add(backend);
        }
        return this;
    }

    /** A backend named by its Service's exact name (Gateway API backendRefs, SMI backends). */
    public RouteWeights service(String name, double weight, Route route) {
        if (route.canaryService().equals(name)) {
            return canary(weight);
        }
        if (route.stableService().equals(name)) {
            return stable(weight);
        }
        return other(name, weight);
    }

    public String label() {
        return label;
    }

    /** Whether the route names the stable or the canary backend at all (even at weight 0). */
    public boolean namesRelease() {
        return namesRelease;
    }

    public boolean allToStable() {
        return stable > 0 && canary == 0 && other == 0;
    }

    /** The canary's share of the route's traffic, in whole percent (0 when every weight is 0). */
    public int canaryPercent() {
        double total = stable + canary + other;
        return total == 0 ? 0 : (int) Math.round(100 * canary / total);
    }

    public String describe() {
        if (allToStable()) {
            return label + ": 100% stable";
        }
        double total = stable + canary + other;
        if (total == 0) {
            return label + ": every weight is 0";
        }
        String rest = others.isEmpty() ? "" : ", " + percent(other, total) + "% to " + String.join(", ", others);
        return label + ": " + percent(stable, total) + "% stable, " + percent(canary, total) + "% canary" + rest;
    }

    private static long percent(double part, double total) {
        return Math.round(100 * part / total);
    }
}
