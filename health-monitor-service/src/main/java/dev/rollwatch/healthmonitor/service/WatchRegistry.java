package dev.rollwatch.healthmonitor.service;

import dev.rollwatch.events.ReleaseRequested;
import dev.rollwatch.events.Slo;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.events.validation.ReleaseValidator;
import dev.rollwatch.healthmonitor.domain.PreSwitchBaseline;
import dev.rollwatch.healthmonitor.domain.WatchLifecycle;
import dev.rollwatch.healthmonitor.domain.WatchProgress;
import dev.rollwatch.healthmonitor.domain.WatchState;
import dev.rollwatch.healthmonitor.persistence.WatchEntity;
import dev.rollwatch.healthmonitor.persistence.WatchRepository;
import dev.rollwatch.healthmonitor.source.MetricSources;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Starts, moves and ends watches from what the other services report. Runs in the consumer's
 * transaction with the watch row locked. Topics are not ordered with each other, so a step may
 * arrive before its release request: the watch is created either way and completed by the other.
 */
@ApplicationScoped
public class WatchRegistry {

    private static final Logger LOG = Logger.getLogger(WatchRegistry.class);

    private final WatchRepository watches;
    private final MetricSources sources;
    private final HealthPolicies policies;
    private final Clock clock;

    WatchRegistry(WatchRepository watches, MetricSources sources, HealthPolicies policies, Clock clock) {
        this.watches = watches;
        this.sources = sources;
        this.policies = policies;
        this.clock = clock;
    }

    public Uni<Void> onRequested(ReleaseRequested request) {
        Instant now = clock.instant();
        ReleaseValidator.requireValid(request, now);
        return find(request.releaseId(), now).flatMap(watch -> {
            if (watch.application != null) {
                LOG.infof("Release %s was requested again; the first request stands", request.releaseId());
                return Uni.createFrom().voidItem();
            }
            watch.application = request.application();
            watch.namespace = request.namespace();
            watch.version = request.version();
            watch.strategy =
                    request.strategy() == null ? null : request.strategy().type();
            Slo.MetricSource source = unwatchedByRequest(request) ? null : sources.effective(request.slo());
            watch.sourceType = MetricSources.typeOf(source);
            watch.source = source == null ? null : EventJson.write(source);
            Watches.setPolicy(watch, policies.forRelease(request.slo()));
            watch.whenUnjudged = request.slo() == null ? null : request.slo().whenUnjudged();
            Watches.setPods(watch, policies.podsForRelease(request.slo()));
            WatchLifecycle.Change change = source != null
                    ? WatchLifecycle.onRequested(watch.state, watch.canaryWeight)
                    : new WatchLifecycle.Change(WatchState.ENDED, null, notWatchedReason(request));
            return apply(watch, change, now);
        });
    }

    /**
     * A release asking for {@code slo.metricSource.type: none} accepted being unwatched: it is treated
     * like one naming no source under a {@code none} default, never handed to a source provider.
     */
    private static boolean unwatchedByRequest(ReleaseRequested request) {
        Slo.MetricSource asked = request.slo() == null ? null : request.slo().metricSource();
        return asked != null && asked.type() == Slo.MetricSource.Type.NONE;
    }

    private static String notWatchedReason(ReleaseRequested request) {
        return unwatchedByRequest(request)
                ? "not watched: the release sets slo.metricSource.type to none"
                : "not watched: the release names no metric source and rollwatch.health.default-source is none";
    }

    public Uni<Void> onStep(StepCompleted step) {
        Instant now = clock.instant();
        return find(step.releaseId(), now)
                .flatMap(watch -> apply(watch, WatchLifecycle.onStep(watch.state, step), now));
    }

    public Uni<Void> onRollbackTriggered(String releaseId) {
        Instant now = clock.instant();
        return find(releaseId, now).flatMap(watch -> apply(watch, WatchLifecycle.onRollbackTriggered(), now));
    }

    /**
     * The release's watch, created if this is the first event about it, and locked. Events of one
     * release arrive on several topics at once: the insert that loses the race does nothing instead
     * of failing, and both then wait for the same row lock.
     */
    private Uni<WatchEntity> find(String releaseId, Instant now) {
        return watches.getSession()
                .flatMap(session -> session.createNativeQuery(
                                "insert into watch (release_id, state, consecutive_degraded, breach_reported, breaches, "
                                        + "warning_raised, evaluations, created_at, updated_at) "
                                        + "values (:id, :state, 0, false, 0, false, 0, :now, :now) on conflict do nothing")
                        .setParameter("id", releaseId)
                        .setParameter("state", WatchState.AWAITING_REQUEST.name())
                        .setParameter("now", now)
                        .executeUpdate())
                .chain(() -> watches.lock(releaseId));
    }

    /** Applies the change (saved at commit); a watch that just ended drops what its source kept. */
    private Uni<Void> apply(WatchEntity watch, WatchLifecycle.Change change, Instant now) {
        boolean ended = change(watch, change, now);
        return ended && watch.sourceType != null
                ? sources.forType(watch.sourceType).forget(watch.releaseId)
                : Uni.createFrom().voidItem();
    }

    /** @return whether the watch just ended */
    private boolean change(WatchEntity watch, WatchLifecycle.Change change, Instant now) {
        WatchState before = watch.state;
        watch.state = change.state();
        if (change.weight() != null) {
            watch.canaryWeight = change.weight();
        }
        watch.updatedAt = now;
        if (change.state() == WatchState.WATCHING && before != WatchState.WATCHING) {
            // The first window is judged one interval after the new version started taking traffic.
            watch.watchingSince = now;
            watch.nextDueAt = now.plusMillis(watch.intervalMs);
            Watches.setProgress(watch, WatchProgress.START);
            LOG.infof(
                    "Watching release %s (%s source, %d%% of traffic on the new version)",
                    watch.releaseId, watch.sourceType, watch.canaryWeight);
        } else if (change.state() == WatchState.WAITING_FOR_TRAFFIC
                && watch.sourceType != null
                && PreSwitchBaseline.needed(watch.strategy)) {
            // Blue-green and rolling releases: measure the previous version from now until the switch,
            // the baseline the new version is then held against.
            watch.nextDueAt = watch.nextDueAt == null ? now : watch.nextDueAt;
        } else if (change.state() != WatchState.WATCHING) {
            watch.nextDueAt = null;
        }
        if (change.state() == WatchState.ENDED && before != WatchState.ENDED) {
            watch.endReason = change.endReason();
            watch.endedAt = now;
            LOG.infof("Stopped watching release %s: %s", watch.releaseId, change.endReason());
            return true;
        }
        return false;
    }
}
