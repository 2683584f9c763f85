package dev.rollwatch.healthmonitor.service;

import dev.rollwatch.events.codec.EventJson;
import dev.rollwatch.healthmonitor.domain.Assessment;
import dev.rollwatch.healthmonitor.domain.BreachTracker;
import dev.rollwatch.healthmonitor.domain.Measurement;
import dev.rollwatch.healthmonitor.domain.PreSwitchBaseline;
import dev.rollwatch.healthmonitor.domain.SequentialJudge;
import dev.rollwatch.healthmonitor.domain.Verdict;
import dev.rollwatch.healthmonitor.domain.WatchState;
import dev.rollwatch.healthmonitor.domain.WindowVerdict;
import dev.rollwatch.healthmonitor.persistence.VerdictEntity;
import dev.rollwatch.healthmonitor.persistence.VerdictRepository;
import dev.rollwatch.healthmonitor.persistence.WatchEntity;
import dev.rollwatch.healthmonitor.persistence.WatchRepository;
import dev.rollwatch.healthmonitor.source.Failures;
import dev.rollwatch.healthmonitor.source.MetricSource;
import dev.rollwatch.healthmonitor.source.MetricSources;
import dev.rollwatch.healthmonitor.source.WatchTarget;
import dev.rollwatch.healthmonitor.source.pods.PodHealthProbe;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One evaluation: measure the window (outside any transaction: a slow source must not hold a
 * database connection), judge it, then record the verdict and whatever it decided, with the watch
 * locked, in one transaction with the events that announce it.
 */
@ApplicationScoped
public class WatchEvaluator {

    private static final Logger LOG = Logger.getLogger(WatchEvaluator.class);

    private final MetricSources sources;
    private final WatchRepository watches;
    private final VerdictRepository verdicts;
    private final HealthPublisher publisher;
    private final HealthPolicies policies;
    private final HealthMetrics metrics;
    private final Clock clock;
    private final PodHealthProbe podHealth;

    WatchEvaluator(
            MetricSources sources,
            WatchRepository watches,
            VerdictRepository verdicts,
            HealthPublisher publisher,
            HealthPolicies policies,
            HealthMetrics metrics,
            Clock clock,
            PodHealthProbe podHealth) {
        this.sources = sources;
        this.podHealth = podHealth;
        this.watches = watches;
        this.verdicts = verdicts;
        this.publisher = publisher;
        this.policies = policies;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Measures and judges one window; never fails for a measurement problem. */
    Uni<SequentialJudge.Judgement> judge(Watches.Claimed claimed) {
        Instant now = clock.instant();
        Uni<Measurement> measured = measure(claimed, now).invoke(m -> {
            if (m.canary().failed()) {
                metrics.sourceError(claimed.sourceType());
            }
        });
        return Uni.combine()
                .all()
                .unis(measured, podHealth.observe(claimed.target()))
                .asTuple()
                .map(t -> SequentialJudge.judge(
                        t.getItem1(),
                        t.getItem2(),
                        claimed.target().policy(),
                        claimed.pods() != null ? claimed.pods() : policies.pods(),
                        claimed.judgeState(),
                        claimed.target().judgedUntil(),
                        claimed.canaryWeight()));
    }

    /**
     * Measures the previous version while the new one waits for its switch: a window the source could not
     * measure, or one with too little traffic, is no baseline and leaves the last one standing.
     */
    Uni<Optional<PreSwitchBaseline>> measurePreSwitch(Watches.Claimed claimed) {
        WatchTarget target = claimed.target();
        return measure(claimed, clock.instant()).map(m -> PreSwitchBaseline.of(target.strategy(), m, target.policy()));
    }

    /** Keeps the newest baseline, as long as the switch has not happened meanwhile. */
    Uni<Void> recordPreSwitch(Watches.Claimed claimed, Optional<PreSwitchBaseline> baseline) {
        if (baseline.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String releaseId = claimed.target().releaseId();
        return Panache.withTransaction(() -> watches.lock(releaseId).invoke(watch -> {
                    if (watch == null || watch.state != WatchState.WAITING_FOR_TRAFFIC) {
                        return;
                    }
                    watch.judgeState = EventJson.write(Watches.judgeState(watch).withPreSwitch(baseline.get()));
                    watch.updatedAt = clock.instant();
                }))
                .replaceWithVoid();
    }

    private Uni<Measurement> measure(Watches.Claimed claimed, Instant now) {
        MetricSource source = sources.forType(claimed.sourceType());
        Duration window = claimed.target().policy().window();
        return Uni.createFrom()
                .deferred(() -> source.measure(claimed.target(), now))
                // A source must report failures as data; should one throw anyway, the window is UNKNOWN.
                .onFailure()
                .recoverWithItem(e -> Measurement.failed(
                        now, window, Map.of(), Failures.describe("the " + source.type() + " source", e)));
    }

    /**
     * Records a verdict and acts on it, under the watch's lock; a watch that ended meanwhile ignores it,
     * and so does one that already judged a newer window (another instance's evaluation overtook this).
     */
    Uni<Void> record(Watches.Claimed claimed, SequentialJudge.Judgement judgement) {
        String releaseId = claimed.target().releaseId();
        WindowVerdict verdict = judgement.verdict();
        return Panache.withTransaction(() -> watches.lock(releaseId).flatMap(watch -> {
                    if (watch == null || watch.state != WatchState.WATCHING) {
                        // Ended while this window was measured: the verdict is moot, and what the measuring
                        // stored for the release must not outlive it.
                        return sources.forType(claimed.sourceType())
                                .forget(releaseId)
                                .replaceWith((Outcome) null);
                    }
                    if (!verdict.follows(watch.lastWindowEnd)) {
                        // Another evaluation already judged a newer window: this one finished late and is stale.
                        LOG.debugf(
                                "Dropped the verdict on release %s's window ending %s: one ending %s is judged already",
                                releaseId, verdict.windowEnd(), watch.lastWindowEnd);
                        return Uni.createFrom().item((Outcome) null);
                    }
                    Instant now = clock.instant();
                    watch.lastWindowEnd = verdict.windowEnd();
                    watch.judgeState = EventJson.write(judgement.state());
                    Assessment assessment = BreachTracker.assess(
                            Watches.progress(watch),
                            verdict,
                            Watches.policy(watch),
                            policies.warnings(watch.whenUnjudged));
                    Watches.setProgress(watch, assessment.progress());
                    watch.lastVerdict = verdict.verdict();
                    watch.lastReason = verdict.reason();
                    watch.lastEvaluatedAt = now;
                    watch.evaluations++;
                    watch.updatedAt = now;
                    Uni<Void> done =
                            verdicts.persist(entity(watch, verdict, now)).replaceWithVoid();
                    if (assessment.breach().isPresent()) {
                        watch.breaches++;
                        LOG.warnf(
                                "Release %s breached its SLOs: %s",
                                releaseId, assessment.breach().get().summary());
                        done = done.chain(() ->
                                publisher.degraded(watch, assessment.breach().get(), now));
                    }
                    Integer judgedAt = judgement.state().stepWeight();
                    int inForce = watch.canaryWeight == null ? 0 : watch.canaryWeight;
                    if (verdict.verdict() == Verdict.HEALTHY
                            && judgedAt != null
                            && judgedAt == inForce
                            && !judgedAt.equals(watch.passedWeight)) {
                        // Once per weight, and only for the weight still in force: a verdict measured before the
                        // executor's next step says nothing about the new exposure.
                        watch.passedWeight = judgedAt;
                        done = done.chain(() -> publisher.passed(watch, verdict, judgedAt));
                    }
                    if (assessment.warning().isPresent()) {
                        LOG.warnf(
                                "Release %s cannot be judged: %s",
                                releaseId, assessment.warning().get().message());
                        done = done.chain(() ->
                                publisher.warning(watch, assessment.warning().get(), now));
                    }
                    return done.replaceWith(new Outcome(watch.sourceType, assessment, now));
                }))
                .invoke(outcome -> {
                    if (outcome == null) {
                        return;
                    }
                    metrics.evaluated(outcome.sourceType(), verdict.verdict());
                    outcome.assessment()
                            .breach()
                            .ifPresent(b -> metrics.breachPublished(Duration.between(b.startedAt(), outcome.at())));
                    outcome.assessment().warning().ifPresent(w -> metrics.warningPublished(w.verdict(), w.hold()));
                })
                .replaceWithVoid();
    }

    private static VerdictEntity entity(WatchEntity watch, WindowVerdict verdict, Instant now) {
        VerdictEntity e = new VerdictEntity();
        e.releaseId = watch.releaseId;
        e.evaluatedAt = now;
        e.windowStart = verdict.windowStart();
        e.windowEnd = verdict.windowEnd();
        e.verdict = verdict.verdict();
        e.samples = verdict.samples();
        e.canaryWeight = watch.canaryWeight;
        e.reason = verdict.reason();
        e.evidence = EventJson.write(verdict.evidence());
        return e;
    }

    private record Outcome(String sourceType, Assessment assessment, Instant at) {}
}
