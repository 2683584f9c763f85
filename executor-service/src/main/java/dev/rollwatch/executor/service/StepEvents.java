package dev.rollwatch.executor.service;

import dev.rollwatch.eventing.Events;
import dev.rollwatch.eventing.outbox.Outbox;
import dev.rollwatch.events.StepCompleted;
import dev.rollwatch.executor.domain.StableSnapshot;
import dev.rollwatch.executor.domain.StepReport;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Publishes step reports as {@code step.completed} through the outbox, in the caller's transaction:
 * a step's event commits with the progress that records it, so a restart neither repeats nor loses it.
 * Logging and counting the steps is a separate {@link #announce}, for the caller to do once its
 * transaction committed: a transaction that is rolled back (and retried) must not count its steps.
 */
@ApplicationScoped
public class StepEvents {

    private static final Logger LOG = Logger.getLogger(StepEvents.class);
    private static final int MAX_MESSAGE = 4096;

    /** Reports written to the outbox, to announce once they committed. */
    public record Published(String releaseId, int stepCount, List<StepReport> reports) {

        public Published {
            reports = List.copyOf(reports);
        }

        public static Published none(String releaseId) {
            return new Published(releaseId, 0, List.of());
        }
    }

    private final Outbox outbox;
    private final Events events;
    private final MeterRegistry registry;

    StepEvents(Outbox outbox, Events events, MeterRegistry registry) {
        this.outbox = outbox;
        this.events = events;
        this.registry = registry;
    }

    public Uni<Published> publish(String releaseId, int stepCount, StableSnapshot stable, List<StepReport> reports) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (StepReport report : reports) {
            StepCompleted step = new StepCompleted(
                    releaseId,
                    report.stepIndex(),
                    stepCount,
                    report.action(),
                    report.outcome(),
                    report.phase(),
                    report.weights(),
                    report.startedAt(),
                    report.completedAt(),
                    truncate(report.message()),
                    stable == null
                            ? null
                            : new StepCompleted.StableState(stable.image(), stable.revision(), stable.weights()),
                    report.rollback());
            chain = chain.chain(() -> outbox.publish(events.create(step)));
        }
        return chain.replaceWith(new Published(releaseId, stepCount, reports));
    }

    /** Logs and counts published steps; call it after the transaction that published them committed. */
    public void announce(Published published) {
        for (StepReport report : published.reports()) {
            registry.counter(
                            "rollwatch.executor.steps",
                            "action",
                            report.action().name().toLowerCase(),
                            "outcome",
                            report.outcome().name().toLowerCase())
                    .increment();
            LOG.infof(
                    "Release %s: %s %s (%s), phase %s, canary %d%%: %s",
                    published.releaseId(),
                    report.action(),
                    report.outcome(),
                    report.stepIndex() < 0
                            ? "outside the plan"
                            : "step " + (report.stepIndex() + 1) + "/" + published.stepCount(),
                    report.phase(),
                    report.weights().canary(),
                    report.message());
        }
    }

    private static String truncate(String message) {
        if (message == null || message.length() <= MAX_MESSAGE) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
