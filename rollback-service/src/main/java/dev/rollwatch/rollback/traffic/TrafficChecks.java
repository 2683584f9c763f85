package dev.rollwatch.rollback.traffic;

import dev.rollwatch.cluster.routing.RouterVersions;
import dev.rollwatch.cluster.routing.Routings;
import dev.rollwatch.cluster.routing.WeightedObject;
import dev.rollwatch.events.Strategy;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.traffic.none.NoTrafficCheck;
import dev.rollwatch.rollback.traffic.selector.ServiceSelectorCheck;
import dev.rollwatch.rollback.traffic.weighted.WeightedObjectCheck;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the traffic check for a release: by strategy, and for canaries by what the contract's
 * router says carries the weights. A router added to the contract is verified without a change here.
 */
public final class TrafficChecks {

    private final Routings routings;
    private final RouterVersions versions;

    public TrafficChecks(Routings routings, RouterVersions versions) {
        this.routings = Objects.requireNonNull(routings, "routings");
        this.versions = Objects.requireNonNull(versions, "versions");
    }

    /**
     * @throws IllegalArgumentException for a canary whose router type the registry does not know
     *     (refused, never guessed), or an API version that is not {@code <group>/<version>}
     */
    public TrafficCheck forTarget(RestoreTarget target) {
        return switch (target.strategy()) {
            case ROLLING -> NoTrafficCheck.INSTANCE;
            case BLUE_GREEN -> new ServiceSelectorCheck();
            case CANARY ->
                weightedObject(target)
                        .<TrafficCheck>map(WeightedObjectCheck::new)
                        // No object with weights (replica ratio): the Service spreads traffic over the pods.
                        .orElseGet(ServiceSelectorCheck::new);
        };
    }

    /**
     * The object carrying a canary's weights; empty for other strategies and for routers without one.
     *
     * @throws IllegalArgumentException as {@link #forTarget}
     */
    public Optional<WeightedObject> weightedObject(RestoreTarget target) {
        if (target.strategy() != Strategy.Type.CANARY) {
            return Optional.empty();
        }
        return routings.forType(target.route() == null ? null : target.route().type())
                .weightedObject(target.route(), versions);
    }
}
