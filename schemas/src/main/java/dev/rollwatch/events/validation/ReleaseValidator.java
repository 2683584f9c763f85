package dev.rollwatch.events.validation;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.codec.MalformedEventException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The rules a release request must meet, beyond what its JSON Schema can say (weights increasing,
 * window not shorter than interval, one strategy block matching the type...).
 *
 * <p>Who applies them: the release API refuses a request breaking them, and so do these consumers of
 * {@code release.requested}, which dead-letter it: the release service, the executor, the health
 * monitor, the rollback service and the notifier. A release CI produced straight onto Kafka is thus
 * judged by them exactly like one that came through the API.
 */
public final class ReleaseValidator {

    /** Measurement names a Prometheus query template may override. */
    public static final Set<String> QUERY_NAMES = Set.of("requestRate", "errorRate", "latencyP95", "latencyP99");

    /** The shortest {@code slo.interval} (and window) a release may ask for. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    private ReleaseValidator() {}

    /** The release's own evaluation interval when it sets a valid one (a bake must last at least that). */
    private static Duration sloInterval(ReleaseRequested request) {
        return request.slo() == null
                ? null
                : Durations.parse(request.slo().interval()).orElse(null);
    }

    /**
     * For consumers of {@code release.requested}: a request breaking the rules is refused the way any
     * unreadable event is (dead-lettered with the reason), whoever produced it.
     *
     * @throws MalformedEventException naming every offending field
     */
    public static void requireValid(ReleaseRequested request, Instant now) {
        List<FieldError> errors = validate(request, now);
        if (!errors.isEmpty()) {
            throw new MalformedEventException("release request breaks the release rules: "
                    + String.join(
                            "; ",
                            errors.stream()
                                    .map(e -> e.field() + " " + e.message())
                                    .toList()));
        }
    }

    /**
     * Every offending field of the request; empty when it is valid. Fields are reported in the order
     * the request reads (identity, strategy, router, SLOs, notifications, requester), so the list can
     * be fixed top to bottom.
     */
    public static List<FieldError> validate(ReleaseRequested request, Instant now) {
        Errors errors = new Errors();
        IdentityRules.check(errors, request);
        StrategyRules.check(errors, request.strategy(), sloInterval(request));
        TrafficRouterRules.check(errors, request.trafficRouter(), request.strategy());
        SloRules.check(errors, request.slo());
        NotificationRules.check(errors, request.notifications());
        RequesterRules.check(errors, request.requestedBy(), now);
        return errors.list();
    }
}
