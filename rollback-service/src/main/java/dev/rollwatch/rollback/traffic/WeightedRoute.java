package dev.rollwatch.rollback.traffic;

import dev.rollwatch.rollback.domain.RestoreTarget;
import java.util.ArrayList;
import java.util.List;

/**
 * The weights one route (Istio http route, HTTPRoute rule, TrafficSplit) gives its backends, sorted
 * into stable, canary and anything else, so every router is judged the same way: the stable version
 * gets all of it.
 */
public final class WeightedRoute {

    private final String label;
    private boolean namesRelease;
    private double stable;
    private double canary;
    private double other;
    private final List<String> others = new ArrayList<>();

    /** @param label how people know the route, e.g. {@code route 'primary'} or {@code rule 2}; null for the only one */
    public WeightedRoute(String label) {
        this.label = label == null ? "route" : label;
    }

    public void stable(double weight) {
        namesRelease = true;
        stable += weight;
    }

    public void canary(double weight) {
        namesRelease = true;
        canary += weight;
    }

    public void other(String backend, double weight) {
        if (weight > 0) {
            other += weight;
            others.add(backend);
        }
    }

    /** A backend named by its Service's exact name (Gateway API backendRefs, SMI backends). */
    public void service(String name, double weight, RestoreTarget.Routing routing) {
        if (routing.canaryService().equals(name)) {
            canary(weight);
        } else if (routing.stableService().equals(name)) {
            stable(weight);
        } else {
            other(name, weight);
        }
    }

    /** Whether the route names the stable or the canary backend at all (even at weight 0). */
    public boolean namesRelease() {
        return namesRelease;
    }

    public boolean allToStable() {
        return stable > 0 && canary == 0 && other == 0;
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
