package dev.rollwatch.rollback.service;

import dev.rollwatch.eventing.Events;
import dev.rollwatch.eventing.outbox.Outbox;
import dev.rollwatch.eventing.quarantine.Quarantines;
import dev.rollwatch.events.ReleaseEvent;
import dev.rollwatch.events.RollbackTriggered;
import dev.rollwatch.rollback.domain.Decision;
import dev.rollwatch.rollback.domain.DecisionStatus;
import dev.rollwatch.rollback.domain.Effect;
import dev.rollwatch.rollback.domain.Notices;
import dev.rollwatch.rollback.domain.Outcome;
import dev.rollwatch.rollback.metrics.RollbackMetrics;
import dev.rollwatch.rollback.persistence.DecisionRepository;
import dev.rollwatch.rollback.persistence.TrackedReleaseEntity;
import dev.rollwatch.rollback.persistence.TrackedReleaseRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Writes a decision's outcome in the caller's transaction: the decision row, then every event it
 * announces through the outbox, so the decision and its events commit together or not at all.
 */
@ApplicationScoped
public class OutcomeApplier {

    private static final Logger LOG = Logger.getLogger(OutcomeApplier.class);

    private final DecisionRepository decisions;
    private final Quarantines quarantine;
    private final TrackedReleaseRepository releases;
    private final Outbox outbox;
    private final Events events;
    private final RollbackMetrics metrics;

    OutcomeApplier(
            DecisionRepository decisions,
            Quarantines quarantine,
            TrackedReleaseRepository releases,
            Outbox outbox,
            Events events,
            RollbackMetrics metrics) {
        this.decisions = decisions;
        this.quarantine = quarantine;
        this.releases = releases;
        this.outbox = outbox;
        this.events = events;
        this.metrics = metrics;
    }

    /** Applies {@code outcome} to the decision that was {@code before} (null when there was none). */
    public Uni<Void> apply(Decision before, Outcome outcome, Instant now) {
        if (!outcome.changed()) {
            return Uni.createFrom().voidItem();
        }
        Decision after = outcome.decision().orElseThrow();
        Uni<Void> chain = decisions.save(after, now);
        for (Effect effect : outcome.effects()) {
            chain = chain.chain(() -> perform(effect, now));
        }
        return chain.invoke(() -> {
            log(before, after, outcome);
            measure(before, after, outcome.effects(), now);
        });
    }

    public Uni<Void> publish(ReleaseEvent event) {
        return outbox.publish(events.create(event));
    }

    private Uni<Void> perform(Effect effect, Instant now) {
        if (effect instanceof Effect.Publish publish) {
            return publish(publish.event());
        }
        Effect.Quarantine q = (Effect.Quarantine) effect;
        return quarantine
                .quarantine(
                        q.artifact().key(),
                        q.artifact().image(),
                        q.releaseId(),
                        q.notice().message(),
                        now)
                .chain(() -> publish(q.notice()))
                .chain(() -> releases.runningUnflagged(q.artifact().key(), q.releaseId()))
                .chain(running -> flag(running, q, now));
    }

    /** Releases of the artifact that were requested before it was quarantined are flagged now. */
    private Uni<Void> flag(List<TrackedReleaseEntity> running, Effect.Quarantine q, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (TrackedReleaseEntity release : running) {
            release.quarantineFlaggedAt = now;
            chain = chain.chain(
                    () -> publish(Notices.requestFlagged(release.releaseId, release.image, q.releaseId(), now)));
        }
        return chain;
    }

    private static void log(Decision before, Decision after, Outcome outcome) {
        if (before == null || before.status() != after.status() || before.attempt() != after.attempt()) {
            LOG.infof(
                    "Release %s: %s (attempt %d): %s",
                    after.releaseId(), after.status(), after.attempt(), outcome.note());
        }
    }

    private void measure(Decision before, Decision after, List<Effect> effects, Instant now) {
        if (before == null) {
            metrics.decided(after.policy(), after.status().name().toLowerCase());
        }
        for (Effect effect : effects) {
            if (effect instanceof Effect.Publish p && p.event() instanceof RollbackTriggered t) {
                if (t.attempt() == 1) {
                    metrics.triggered(t.reason(), t.policy(), after.degradedAt(), now);
                } else {
                    metrics.retriggered(t.reason());
                }
            }
        }
        DecisionStatus was = before == null ? null : before.status();
        if (after.status() != was) {
            switch (after.status()) {
                case VERIFIED, CONFIRMED, UNVERIFIED, TOO_LATE, NOTHING_CHANGED ->
                    metrics.restore(after.status().name().toLowerCase(Locale.ROOT), after.triggeredAt(), now);
                // A restore is counted once: one already counted as unverified (people were paged) stays so.
                case SUPERSEDED -> {
                    if (was != DecisionStatus.UNVERIFIED) {
                        metrics.restore("superseded", after.triggeredAt(), now);
                    }
                }
                default -> {}
            }
        }
    }
}
