package dev.rollwatch.rollback.service;

import dev.rollwatch.eventing.ReactiveWork;
import dev.rollwatch.rollback.config.RollbackConfig;
import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.ReleaseFacts;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.persistence.DecisionInputRepository;
import dev.rollwatch.rollback.persistence.DecisionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Does the work whose time has come: deferred signals whose wait is over, manual-policy deadlines,
 * and restore checks. The due times live in the database, so a restarted (or another) instance picks
 * the work up; each item runs in its own transaction under its release's lock, so two instances
 * polling at once do it once. Polls with the shared {@link ReactiveWork.Poller} (the scheduler's
 * one-second floor would add up to a second to every restore check): one for decisions, one for
 * restore checks.
 */
@ApplicationScoped
public class DueWork {

    private static final Logger LOG = Logger.getLogger(DueWork.class);

    private final Decisions decisions;
    private final DecisionRepository decisionRows;
    private final DecisionInputRepository inputRows;
    private final ClusterReads cluster;
    private final RollbackConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private volatile ReactiveWork.Poller decisionsPoller;
    private volatile ReactiveWork.Poller checksPoller;

    DueWork(
            Decisions decisions,
            DecisionRepository decisionRows,
            DecisionInputRepository inputRows,
            ClusterReads cluster,
            RollbackConfig config,
            Clock clock,
            Vertx vertx) {
        this.decisions = decisions;
        this.decisionRows = decisionRows;
        this.inputRows = inputRows;
        this.cluster = cluster;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        // Two pollers: a restore check can wait seconds on a slow API server, and a manual-policy
        // deadline or a deferred signal must not wait behind it.
        decisionsPoller =
                ReactiveWork.poll(vertx, "Rollback due decisions", config.pollInterval(), () -> true, this::decideDue);
        checksPoller = ReactiveWork.poll(vertx, "Restore checks", config.pollInterval(), () -> true, this::checkDue);
    }

    void onShutdown(@Observes ShutdownEvent event) {
        if (decisionsPoller != null) {
            decisionsPoller.stop();
        }
        if (checksPoller != null) {
            checksPoller.stop();
        }
    }

    /** Deferred signals whose wait is over, then manual-policy deadlines: database work only. */
    Uni<Void> decideDue() {
        int limit = config.batchSize();
        return each(
                        () -> inputRows.dueDeferred(clock.instant(), limit),
                        id -> Panache.withTransaction(() -> decisions.onDeferredDue(id)))
                .chain(() -> each(
                        () -> decisionRows.dueDeadlines(clock.instant(), limit),
                        id -> Panache.withTransaction(() -> decisions.onDeadline(id))));
    }

    /** The restore checks that are due, a few at once. */
    Uni<Void> checkDue() {
        return ReactiveWork.<List<String>>onOwnContext(
                        vertx,
                        () -> Panache.withSession(() -> decisionRows.dueChecks(clock.instant(), config.batchSize())))
                .chain(ids -> Multi.createFrom()
                        .iterable(ids)
                        .onItem()
                        .transformToUni(id -> check(id).onFailure().recoverWithUni(failure -> skipped(id, failure)))
                        .merge(config.checkConcurrency())
                        .collect()
                        .last())
                .replaceWithVoid();
    }

    /**
     * Reads the cluster for one release outside any transaction (it may take a while, on a worker
     * thread), then applies what it found under the release's lock.
     */
    private Uni<Void> check(String releaseId) {
        return ReactiveWork.<ReleaseFacts>onOwnContext(
                        vertx, () -> Panache.withSession(() -> decisions.facts(releaseId)))
                .chain(facts -> RestoreTarget.of(facts)
                        .map(target -> cluster.verify(target)
                                .onFailure()
                                .recoverWithItem(f ->
                                        Finding.notVerified("cluster could not be read: " + ClusterReads.describe(f))))
                        .orElseGet(() -> Uni.createFrom()
                                .item(Finding.notVerified(
                                        "the release's request was never received, so its objects cannot be located"))))
                .chain(finding -> ReactiveWork.<Void>onOwnContext(
                        vertx, () -> Panache.withTransaction(() -> decisions.onCheck(releaseId, finding))));
    }

    /** Runs {@code work} for each due release in turn, on a context of its own; one failing does not hold up the others. */
    private Uni<Void> each(Supplier<Uni<List<String>>> due, Function<String, Uni<Void>> work) {
        return ReactiveWork.<List<String>>onOwnContext(vertx, () -> Panache.withSession(due))
                .chain(ids -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (String id : ids) {
                        chain = chain.chain(() -> ReactiveWork.onOwnContext(vertx, () -> work.apply(id))
                                .onFailure()
                                .recoverWithUni(failure -> skipped(id, failure)));
                    }
                    return chain;
                });
    }

    private static Uni<Void> skipped(String releaseId, Throwable failure) {
        LOG.warnf("Due work for release %s failed, retrying on the next poll: %s", releaseId, failure.toString());
        return Uni.createFrom().voidItem();
    }
}
