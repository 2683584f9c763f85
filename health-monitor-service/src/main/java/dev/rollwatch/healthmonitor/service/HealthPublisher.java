package dev.rollwatch.healthmonitor.service;

import dev.rollwatch.eventing.EventingConfig;
import dev.rollwatch.eventing.Events;
import dev.rollwatch.eventing.outbox.Outbox;
import dev.rollwatch.events.HealthDegraded;
import dev.rollwatch.events.HealthPassed;
import dev.rollwatch.events.HealthWarning;
import dev.rollwatch.events.ReleaseCommand;
import dev.rollwatch.healthmonitor.domain.Assessment;
import dev.rollwatch.healthmonitor.domain.Verdict;
import dev.rollwatch.healthmonitor.domain.WindowVerdict;
import dev.rollwatch.healthmonitor.persistence.WatchEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Announces breaches and warnings through the outbox, in the transaction that decided them. */
@ApplicationScoped
public class HealthPublisher {

    private final Outbox outbox;
    private final Events events;
    private final EventingConfig eventing;

    HealthPublisher(Outbox outbox, Events events, EventingConfig eventing) {
        this.outbox = outbox;
        this.events = events;
        this.eventing = eventing;
    }

    Uni<Void> degraded(WatchEntity watch, Assessment.Breach breach, Instant now) {
        return outbox.publish(events.create(new HealthDegraded(
                watch.releaseId,
                now,
                breach.startedAt(),
                breach.consecutiveWindows(),
                watch.canaryWeight,
                watch.sourceType,
                breach.evidence(),
                truncate(breach.summary(), 1024))));
    }

    /** The new version was judged HEALTHY at {@code weight}: the executor may widen its exposure. */
    Uni<Void> passed(WatchEntity watch, WindowVerdict verdict, int weight) {
        return outbox.publish(events.create(new HealthPassed(
                watch.releaseId,
                weight,
                verdict.windowEnd(),
                watch.sourceType,
                verdict.evidence(),
                truncate(verdict.reason(), 2048))));
    }

    /**
     * The warning, and with it what the release or the policy asks for: an abort for a release that
     * chose to be rolled back when it cannot be judged (the rollback-service turns it into the release's
     * one rollback, as an operator's abort, without quarantining a version nobody judged), else a hold
     * when the policy says so.
     */
    Uni<Void> warning(WatchEntity watch, Assessment.Warning warning, Instant now) {
        HealthWarning.Verdict verdict = warning.verdict() == Verdict.UNKNOWN
                ? HealthWarning.Verdict.UNKNOWN
                : HealthWarning.Verdict.INSUFFICIENT_DATA;
        Uni<Void> warned = outbox.publish(events.create(new HealthWarning(
                watch.releaseId,
                verdict,
                warning.since(),
                now,
                watch.sourceType,
                warning.message(),
                warning.hold() && !warning.rollBack())));
        ReleaseCommand command;
        if (warning.rollBack()) {
            command = new ReleaseCommand(
                    watch.releaseId,
                    ReleaseCommand.Command.ABORT,
                    eventing.source(),
                    truncate(
                            "rolled back as the release asks (slo.whenUnjudged: rollback): " + warning.message(), 1024),
                    now);
        } else if (warning.hold()) {
            command = new ReleaseCommand(
                    watch.releaseId,
                    ReleaseCommand.Command.PAUSE,
                    eventing.source(),
                    truncate("health cannot be judged: " + warning.message(), 1024),
                    now);
        } else {
            return warned;
        }
        return warned.chain(() -> outbox.publish(events.create(command)));
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
