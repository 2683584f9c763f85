package dev.rollwatch.rollback.service;

import dev.rollwatch.rollback.config.RollbackConfig;
import dev.rollwatch.rollback.domain.Finding;
import dev.rollwatch.rollback.domain.RestoreTarget;
import dev.rollwatch.rollback.persistence.DecisionInputRepository;
import dev.rollwatch.rollback.persistence.DecisionRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Does the work whose time has come: deferred signals whose wait is over, manual-policy deadlines,
 * and restore checks. The due times live in the database, so a restarted (or another) instance picks
 * the work up; each item runs in its own transaction under its release's lock, so two instances
 * polling at once do it once. Polls on a Vert.x timer (the scheduler's one-second floor would add up
 * to a second to every restore check).
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
    private final AtomicBoolean polling = new AtomicBoolean(false);
    private volatile boolean stopped;

    DueWork(Decisions decisions, DecisionRepository decisionRows, DecisionInputRepository inputRows,
            ClusterReads cluster, RollbackConfig config, Clock clock) {
        this.decisions = decisions;
        this.decisionRows = decisionRows;
        this.inputRows = inputRows;
        this.cluster = cluster;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event, Vertx vertx) {
        vertx.setPeriodic(1_000, config.pollInterval().toMillis(), id -> poll(vertx));
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stopped = true;
    }

    private void poll(Vertx vertx) {
        if (stopped || !polling.compareAndSet(false, true)) {
            return;
        }
        // Hibernate Reactive needs a (duplicated) Vert.x context of its own for every unit of work.
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> Uni.createFrom().deferred(() -> runOnce(context)).subscribe().with(
                done -> polling.set(false),
                failure -> {
                    polling.set(false);
                    LOG.warnf("Due-work pass failed, retrying on the next poll: %s", failure.toString());
                }));
    }

    /** One pass over every kind of due work. */
    public Uni<Void> runOnce(Context context) {
        int limit = config.batchSize();
        return each(() -> inputRows.dueDeferred(clock.instant(), limit),
                        id -> Panache.withTransaction(() -> decisions.onDeferredDue(id)))
                .chain(() -> each(() -> decisionRows.dueDeadlines(clock.instant(), limit),
                        id -> Panache.withTransaction(() -> decisions.onDeadline(id))))
                .chain(() -> each(() -> decisionRows.dueChecks(clock.instant(), limit), id -> check(id, context)));
    }

    /**
     * Reads the cluster for one release outside any transaction (it may take a while), then applies
     * what it found under the release's lock.
     */
    private Uni<Void> check(String releaseId, Context context) {
        return Panache.withSession(() -> decisions.state(releaseId))
                .chain(state -> RestoreTarget.of(state.facts())
                        .map(target -> cluster.verify(target)
                                .onFailure().recoverWithItem(f -> Finding.notVerified("cluster could not be read: " + f))
                                // Back on the poller's context: Hibernate Reactive must not run on a worker thread.
                                .emitOn(task -> context.runOnContext(ignored -> task.run())))
                        .orElseGet(() -> Uni.createFrom().item(Finding.notVerified(
                                "the release's request was never received, so its objects cannot be located"))))
                .chain(finding -> Panache.withTransaction(() -> decisions.onCheck(releaseId, finding)));
    }

    /** Runs {@code work} for each due release in turn; one failing does not hold up the others. */
    private Uni<Void> each(Supplier<Uni<List<String>>> due, Function<String, Uni<Void>> work) {
        return Panache.withSession(due).chain(ids -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String id : ids) {
                chain = chain.chain(() -> work.apply(id).onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Due work for release %s failed, retrying on the next poll: %s", id, failure.toString());
                    return Uni.createFrom().voidItem();
                }));
            }
            return chain;
        });
    }
}
